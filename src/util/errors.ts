/**
 * Typed error hierarchy. Every subsystem throws a subclass of MailwrightError so callers can
 * distinguish configuration, expansion, lookup and taint failures without string matching.
 */
export class MailwrightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A configuration problem, reported as Exim does: with file and line. */
export class ConfigError extends MailwrightError {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Tainted data was about to be used where Exim forbids it (file name, command, ...). */
export class TaintError extends MailwrightError {}
