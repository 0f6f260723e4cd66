// Sandboxed preload (bundled to CommonJS by build/build-electron.mjs): window.dbshift = { invoke, on }.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('dbshift', createBridge(ipcRenderer));
