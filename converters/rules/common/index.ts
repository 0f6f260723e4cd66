export * from './identifiers.js';
export * from './nodes.js';
