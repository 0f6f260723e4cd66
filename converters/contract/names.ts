// The names the UI may call and listen to. Kept free of zod so the Electron preload can import
// it alone; requests.ts and events.ts must declare a schema for each (checked at compile time).

export const REQUEST_NAMES = [
  'app.info',
  'host.pickPath',
  'project.create',
  'project.open',
  'project.save',
  'project.close',
  'project.recent',
  'project.current',
  'project.setVariables',
  'project.setConversion',
  'connection.parseUrl',
  'connection.test',
  'connection.listSchemas',
  'connection.save',
  'source.loadScripts',
  'source.loadLive',
  'tree.children',
  'convert.run',
  'object.get',
  'object.saveEdit',
  'object.decide',
  'apply.preview',
  'apply.run',
  'task.cancel',
  'export.sql',
  'assessment.summary',
  'report.export',
  'replication.list',
  'replication.create',
  'replication.start',
  'replication.resume',
  'replication.stop',
  'replication.delete',
  'replication.log',
  'replication.validate',
] as const;

export const EVENT_NAMES = ['task.progress', 'apply.statement', 'project.changed', 'replication.changed'] as const;

export type RequestName = (typeof REQUEST_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

const requestSet: ReadonlySet<string> = new Set(REQUEST_NAMES);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && requestSet.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}

/** Electron IPC channel of a request / event (one namespace so nothing else can be reached). */
export const ipcRequestChannel = (name: RequestName): string => `dbshift:req:${name}`;
export const ipcEventChannel = (name: EventName): string => `dbshift:evt:${name}`;
