import type { SourceSpan } from './span.js';

/**
 * Source text the front end could not (or chose not to) model. It keeps the raw text so nothing
 * is lost; every generator that meets one reports a diagnostic and never emits it as converted.
 */
export interface Unparsed {
  kind: 'Unparsed';
  text: string;
  reason: string;
  span: SourceSpan;
}
