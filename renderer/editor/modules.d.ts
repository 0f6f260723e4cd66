// Monaco's ESM files reached through the `monaco-esm` alias (build/vite.config.ts).
declare module 'monaco-esm/editor/editor.api.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-esm/*';
declare module 'monaco-editor/editor/editor.worker?worker' {
  const WorkerFactory: new () => Worker;
  export default WorkerFactory;
}
