import { MailwrightError } from '../util/errors.js';

/** A spool operation failed (I/O, bad id, message missing or locked). */
export class SpoolError extends MailwrightError {
  constructor(
    message: string,
    readonly code?: 'ENOENT' | 'LOCKED' | 'EXISTS',
  ) {
    super(message);
  }
}

/** A -H file does not follow Exim's format; `line` is 1-based when known. */
export class SpoolFormatError extends SpoolError {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
  }
}
