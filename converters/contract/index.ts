// The contract between the workbench UI and its back end: one declaration used by the renderer,
// the Electron preload/main and the web server.
export * from './names.js';
export * from './shapes.js';
export * from './requests.js';
export * from './events.js';
export * from './wire.js';
export * from './replication.js';
export * from './object-types.js';
