/**
 * An error the user can fix: bad arguments, unreadable input, unsupported combinations. The CLI
 * prints `message` (what and where) and `hint` (what to do) on one line and exits with `exitCode`.
 */
export class UserError extends Error {
  constructor(message: string, readonly hint?: string, readonly exitCode = 2) {
    super(message);
    this.name = 'UserError';
  }
}

/** Applying to the target failed (exit 3): the report has already been printed. */
export class ApplyFailed extends Error {
  readonly exitCode = 3;
  constructor(message: string) {
    super(message);
    this.name = 'ApplyFailed';
  }
}
