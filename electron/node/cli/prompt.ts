import { UserError } from '../pipeline/errors.js';

/**
 * Asks for a password on the terminal without echoing it. With no terminal (CI, pipes) it fails
 * with a message that says how to give the password instead.
 */
export function passwordPrompt(onSecret: (s: string) => void): (question: string) => Promise<string> {
  return (question: string) => new Promise<string>((resolve, reject) => {
    const stdin = process.stdin;
    if (!stdin.isTTY) {
      reject(new UserError('a password is needed but there is no terminal to ask for it',
        'put it in DBSHIFT_PASSWORD (or DBSHIFT_SOURCE_PASSWORD / DBSHIFT_TARGET_PASSWORD), or in the URL'));
      return;
    }
    process.stderr.write(question.endsWith(' ') ? question : `${question} `);
    let value = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else { onSecret(value); resolve(value); }
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') { done(); return; }
        if (ch === '\u0003') { done(new UserError('cancelled at the password prompt')); return; }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
