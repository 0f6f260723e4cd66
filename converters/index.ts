export * from './model/index.js';
export { convert, frontEndFor, parseScripts } from './convert.js';
