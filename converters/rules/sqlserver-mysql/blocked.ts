import type { SourceSpan } from '../../model/index.js';

/**
 * Thrown by a rewrite that finds a construct it cannot convert exactly: the whole object becomes an
 * action item (TM0024) located at `span`, with `message` saying what and why.
 */
export class NotConvertible extends Error {
  constructor(message: string, readonly span: SourceSpan) {
    super(message);
    this.name = 'NotConvertible';
  }
}
