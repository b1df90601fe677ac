/**
 * Failures while receiving a local message. Each carries the text Exim prints after "exim: "
 * with -oep, and what an error message mailed back (-oem/-oee) needs.
 */
import { MailwrightError } from '../../util/errors.js';

export type SubmitErrorKind = 'bad-recipient' | 'no-recipients' | 'acl' | 'too-big' | 'spool';

export interface SubmitErrorDetail {
  /** bad-recipient: the address and the parser's reason. */
  readonly address?: string;
  readonly reason?: string;
  /** acl: the ACL's user message. */
  readonly aclMessage?: string;
  /** How the main log words it when no error message can be mailed (empty sender). */
  readonly logReason?: string;
}

export class SubmitError extends MailwrightError {
  constructor(
    readonly kind: SubmitErrorKind,
    /** Text after "exim: " on stderr. */
    readonly stderrText: string,
    readonly detail: SubmitErrorDetail = {},
  ) {
    super(stderrText);
  }
}
