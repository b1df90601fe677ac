/**
 * The error message Exim mails to the sender of a local message that could not be accepted
 * (-oem, the default, and -oee): from "Mail Delivery System <Mailer-Daemon@qualify_domain>",
 * with an explanation and a copy of the message. exim4 4.96's wording for each failure was
 * read from its output (test/fixtures/submit).
 */
import type { SubmitError } from './errors.js';

export interface ErrorMailInput {
  readonly error: SubmitError;
  /** The recipient: the failed message's sender. */
  readonly to: string;
  readonly qualifyDomain: string;
  /** Message-ID of the failed message (References:), when it had one. */
  readonly messageId?: string;
  /** The copy of the failed message: its headers and body as far as they were read. */
  readonly copy: string;
}

const COPY_LINE = '------ This is a copy of your message, including all the headers. ------\n\n';

function subjectAndExplanation(e: SubmitError): { subject: string; text: string } | undefined {
  switch (e.kind) {
    case 'acl':
      return {
        subject: 'rejected by local scanning code',
        text: 'A message that you sent was rejected by the local scanning code that\nchecks incoming messages on this system. The following error was given:\n\n' + `  ${e.detail.aclMessage ?? ''}\n\n`,
      };
    case 'bad-recipient':
      return {
        subject: 'malformed recipient address',
        text: 'A message that you sent contained a recipient address that was incorrectly\nconstructed:\n\n' + `  ${e.detail.address ?? ''}  ${e.detail.reason ?? ''}\n\nThe message has not been delivered to any recipients.\n\n`,
      };
    case 'too-big':
      // Unverified wording: exim4's own error message for this exceeds the same limit and fails.
      return {
        subject: 'message too big',
        text: `A message that you sent was larger than the maximum size allowed on this\nsystem. It was not delivered to any recipients.\n\n`,
      };
    case 'no-recipients':
      return {
        subject: 'no recipient addresses',
        text: 'A message that you sent contained no recipient addresses, and therefore no\ndelivery could be attempted.\n\n',
      };
    default:
      return undefined;
  }
}

/** The whole error message (header lines then body), or undefined when there is none to send. */
export function errorMailText(m: ErrorMailInput): string | undefined {
  const parts = subjectAndExplanation(m.error);
  if (parts === undefined || m.to === '') return undefined;
  let text = 'Auto-Submitted: auto-replied\n';
  text += `From: Mail Delivery System <Mailer-Daemon@${m.qualifyDomain}>\n`;
  text += `To: ${m.to}\n`;
  if (m.messageId !== undefined) text += `References: ${m.messageId}\n`;
  text += `Subject: Mail failure - ${parts.subject}\n\n`;
  return text + parts.text + COPY_LINE + m.copy;
}
