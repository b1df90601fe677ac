/**
 * Typed error hierarchy. Every subsystem throws a subclass of MailwrightError so callers can
 * distinguish configuration, expansion, lookup and taint failures without string matching.
 */
/**
 * These errors are expected outcomes (Exim's messages: "Failed: ..." lines, deferred lookups),
 * often thousands per run, and capturing a stack trace costs far more than the rest of the
 * object. They carry none unless MAILWRIGHT_ERROR_STACKS is set (for debugging).
 */
const keepStacks = process.env['MAILWRIGHT_ERROR_STACKS'] !== undefined && process.env['MAILWRIGHT_ERROR_STACKS'] !== '';

export class MailwrightError extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    if (!keepStacks) Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
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
