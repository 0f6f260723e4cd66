// The one place Monaco is loaded: bundled by Vite, worker included, never fetched from a CDN.
import * as monaco from 'monaco-esm/editor/editor.api.js';
import './monaco-features.js';
import 'monaco-esm/languages/definitions/mysql/register.js';
import 'monaco-esm/languages/definitions/pgsql/register.js';
import 'monaco-esm/languages/definitions/sql/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { loader } from '@monaco-editor/react';

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

export { monaco };
export type Monaco = typeof monaco;
