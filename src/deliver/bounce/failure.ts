/**
 * The bounce (delivery failure report) in Exim 4.96's layout: a multipart/report with the
 * explanation, the message/delivery-status part and the returned message.
 *
 * Order: pass the failed addresses in the order their failures were processed (the order of
 * the `**` log lines). Exim 4.96 lists them in reverse in the text part and X-Failed-Recipients,
 * and in that order in the delivery-status part.
 */
import { stringToBytes } from '../../expand/operators/bytes.js';
import {
  AUTOMATIC_LINE, addressTextLines, contentTypeHeader, deliveryStatus, failedRecipientsValue, fromHeaderValue, header,
  partStart, rawHeaders, referencesValue, remoteFields, reportBoundary, reportable,
} from './common.js';
import { DEFAULT_RETURN_SIZE_LIMIT, returnedPart } from './returned.js';
import { splitTemplate, templateItem } from './template.js';
import type { ComposedReport, ReportAddress, ReportInput } from './types.js';
import type { SpoolHeader } from '../../spool/types.js';

const SENT_BY_YOU =
  'A message that you sent could not be delivered to one or more of its\n' +
  'recipients. This is a permanent error. The following address(es) failed:\n';

function sentByOther(sender: string): string {
  return (
    `A message sent by\n\n  <${sender}>\n\n` +
    'could not be delivered to one or more of its recipients. The following\n' +
    'address(es) failed:\n'
  );
}

function defaultIntro(input: ReportInput): string {
  const extra = input.options.bounceMessageText;
  const own = input.message.sender === input.recipient;
  // bounce_message_text replaces the blank line after the first line.
  return AUTOMATIC_LINE + (extra !== undefined ? `${extra}\n` : '\n') + (own ? SENT_BY_YOU : sentByOther(input.message.sender));
}

function defaultSubject(input: ReportInput): string {
  return `Subject: Mail delivery failed${input.message.sender === input.recipient ? ': returning message to sender' : ''}\n`;
}

function failureHeaders(input: ReportInput, addresses: readonly ReportAddress[], boundary: string, subjectBlock: string): SpoolHeader[] {
  const headers: SpoolHeader[] = [header('X-Failed-Recipients', failedRecipientsValue(addresses))];
  if (input.options.errorsReplyTo) headers.push(header('Reply-To', input.options.errorsReplyTo));
  headers.push(header('Auto-Submitted', 'auto-replied'), header('From', fromHeaderValue(input.options)), header('To', input.recipient));
  const refs = referencesValue(input.message);
  if (refs !== undefined) headers.push(header('References', refs));
  headers.push(contentTypeHeader(boundary), header('MIME-Version', '1.0'), ...rawHeaders(subjectBlock));
  return headers;
}

/** The pipe output section: the intro (template item 3), then each address's output. */
function outputSection(addresses: readonly ReportAddress[], intro: string | undefined): string {
  const withOutput = addresses.filter((a) => a.returnOutput !== undefined);
  if (withOutput.length === 0) return '';
  const head = intro ?? `The following text was generated during the delivery attempt${withOutput.length > 1 ? 's' : ''}:\n`;
  const blocks = withOutput.map((a) => {
    const out = a.returnOutput!;
    return `------ ${a.address} ------\n\n${out}${out.endsWith('\n') || out === '' ? '' : '\n'}\n`;
  });
  return `${head}\n${blocks.join('')}`;
}

function addressList(addresses: readonly ReportAddress[]): string {
  return addresses.map((a) => `  ${a.address}\n${addressTextLines(a)}`).join('');
}

/**
 * Composes the bounce for the failed addresses; undefined when every address asked for no
 * notification (NOTIFY=NEVER).
 */
export async function composeBounce(input: ReportInput, failed: readonly ReportAddress[]): Promise<ComposedReport | undefined> {
  const addresses = reportable(failed);
  if (addresses.length === 0) return undefined;
  const boundary = reportBoundary(input);
  const items = input.options.bounceMessageFile !== undefined ? splitTemplate(input.options.bounceMessageFile) : undefined;
  const vars = {
    bounce_recipient: input.recipient,
    bounce_return_size_limit: String(input.options.bounceReturnSizeLimit ?? DEFAULT_RETURN_SIZE_LIMIT),
  };
  const subjectBlock = (await templateItem(items, 0, input.expand, vars)) ?? defaultSubject(input);
  const intro = (await templateItem(items, 1, input.expand, vars)) ?? defaultIntro(input);
  const listed = [...addresses].reverse();
  const output = outputSection(listed, await templateItem(items, 2, input.expand, vars));
  const text = `${partStart(boundary, 'text/plain; charset=us-ascii')}${intro}\n${addressList(listed)}\n${output}`;
  const status = deliveryStatus(input.message, addresses, { action: 'failed', status: '5.0.0' }, input.options, (a) => remoteFields(a, input.options));
  const body = Buffer.concat([
    stringToBytes(`${text}${partStart(boundary, 'message/delivery-status')}${status}`),
    returnedPart(input, boundary, 'as-requested'),
  ]);
  return { sender: '', recipients: [input.recipient], headers: failureHeaders(input, listed, boundary, subjectBlock), body };
}
