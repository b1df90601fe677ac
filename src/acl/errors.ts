/**
 * How a condition reports that it could not complete. The message is the log text Exim writes
 * after the rejected command (e.g. `cannot test domains condition in MAIL ACL`).
 */
import { MailwrightError } from '../util/errors.js';

/** A temporary failure (Exim's DEFER): the ACL returns defer unless the verb is warn. */
export class AclDefer extends MailwrightError {
  constructor(
    message: string,
    /** Text for the client, when the condition has one (e.g. a verify failure). */
    readonly userMessage?: string,
  ) {
    super(message);
  }
}

/** A configuration or usage error (Exim's ERROR): the ACL returns error. */
export class AclError extends MailwrightError {}
