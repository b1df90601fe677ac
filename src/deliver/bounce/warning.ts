/**
 * Delay warning messages (delay_warning, warn_message_file) in Exim 4.96's layout. Pass the
 * deferred addresses in the order their deferrals were processed (the `==` log lines); Exim
 * lists them in reverse in both the text and the delivery-status part. The original's header
 * is always returned, never its body.
 *
 * NOTIFY: as exim4 4.96 does, only the address listed first (the last deferred) decides: when
 * it gave NOTIFY without DELAY there is no warning at all; otherwise every deferred address is
 * listed, whatever its own NOTIFY said.
 */
import { stringToBytes } from '../../expand/operators/bytes.js';
import {
  AUTOMATIC_LINE, addressTextLines, contentTypeHeader, deliveryStatus, fromHeaderValue, header, headerValue,
  notifyWants, partStart, rawHeaders, referencesValue, remoteFields, reportBoundary,
} from './common.js';
import { returnedPart } from './returned.js';
import { splitTemplate, templateItem } from './template.js';
import type { ComposedReport, ReportAddress, ReportInput } from './types.js';
import type { SpoolHeader } from '../../spool/types.js';

const CLOSING =
  'No action is required on your part. Delivery attempts will continue for\n' +
  'some time, and this warning may be repeated at intervals if the message\n' +
  'remains undelivered. Eventually the mail delivery software will give up,\n' +
  'and when that happens, the message will be returned to you.\n';

/** $warn_message_delay: whole minutes below two hours, whole hours after. */
export function warningDelayText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes < 120 ? `${minutes} minutes` : `${Math.floor(seconds / 3600)} hours`;
}

/** The warning's recipients, and them as $warn_message_recipients / To: show them. */
function warningRecipients(input: ReportInput): { list: readonly string[]; joined: string } {
  const list = input.recipients ?? [input.recipient];
  return { list, joined: list.join(',') };
}

function defaultIntro(input: ReportInput, delay: string, count: number): string {
  const m = input.message;
  const where = `${delay} on the queue on ${input.options.primaryHostname}.\n\n`;
  const who = m.sender === warningRecipients(input).joined
    ? `A message that you sent has not yet been delivered to one or more of its\nrecipients after more than ${where}`
    : `A message sent by\n\n  <${m.sender}>\n\nhas not yet been delivered to one or more of its recipients after more than \n${where}`;
  let out = `${AUTOMATIC_LINE}${who}`;
  out += `The message identifier is:     ${m.id}\n`;
  const subject = headerValue(m, 'Subject');
  if (subject !== undefined) out += `The subject of the message is: ${subject}\n`;
  const date = headerValue(m, 'Date');
  if (date !== undefined) out += `The date of the message is:    ${date}\n`;
  out += '\n';
  out += count === 1
    ? 'The address to which the message has not yet been delivered is:\n'
    : 'The addresses to which the message has not yet been delivered are:\n';
  return out;
}

function warningHeaders(input: ReportInput, boundary: string, subjectBlock: string): SpoolHeader[] {
  const headers: SpoolHeader[] = [];
  if (input.options.errorsReplyTo) headers.push(header('Reply-To', input.options.errorsReplyTo));
  headers.push(header('Auto-Submitted', 'auto-replied'), header('From', fromHeaderValue(input.options)), header('To', warningRecipients(input).joined));
  const refs = referencesValue(input.message);
  if (refs !== undefined) headers.push(header('References', refs));
  headers.push(contentTypeHeader(boundary), header('MIME-Version', '1.0'), ...rawHeaders(subjectBlock));
  return headers;
}

function addressList(addresses: readonly ReportAddress[]): string {
  return addresses.map((a) => `  ${a.address}\n${addressTextLines(a, 'Delay reason: ')}`).join('');
}

/** Composes a delay warning; undefined when there is nothing to warn about or NOTIFY says no (see above). */
export async function composeDelayWarning(input: ReportInput, delayed: readonly ReportAddress[]): Promise<ComposedReport | undefined> {
  const addresses = [...delayed].reverse();
  if (addresses.length === 0 || !notifyWants(addresses[0]!, 'delay')) return undefined;
  const now = input.now ?? Math.floor(Date.now() / 1000);
  const delay = warningDelayText(now - input.message.received.seconds);
  const boundary = reportBoundary({ ...input, now });
  const items = input.options.warnMessageFile !== undefined ? splitTemplate(input.options.warnMessageFile) : undefined;
  const recipients = warningRecipients(input);
  const vars = { warn_message_delay: delay, warn_message_recipients: recipients.joined };
  const subjectBlock = (await templateItem(items, 0, input.expand, vars)) ?? `Subject: Warning: message ${input.message.id} delayed ${delay}\n`;
  const intro = (await templateItem(items, 1, input.expand, vars)) ?? defaultIntro(input, delay, addresses.length);
  const closing = (await templateItem(items, 2, input.expand, vars)) ?? CLOSING;
  const text = `${partStart(boundary, 'text/plain; charset=us-ascii')}${intro}\n${addressList(addresses)}\n${closing}\n`;
  const status = deliveryStatus(input.message, addresses, { action: 'delayed', status: '4.0.0' }, input.options, (a) => remoteFields(a, input.options));
  const body = Buffer.concat([stringToBytes(`${text}${partStart(boundary, 'message/delivery-status')}${status}`), returnedPart(input, boundary, 'headers-only')]);
  return { sender: '', recipients: recipients.list, headers: warningHeaders(input, boundary, subjectBlock), body };
}
