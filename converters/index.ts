export * from './model/index.js';
export { convert, frontEndFor, parseScripts, supportedPairs, isSupportedPair, hasFrontEnd } from './convert.js';
