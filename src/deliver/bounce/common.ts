/**
 * Pieces shared by bounces, delay warnings and success DSNs, laid out as Exim 4.96 writes them:
 * the MIME boundary, the header block, the per-address text, the message/delivery-status part
 * and the returned message (whole, or headers only).
 */
import type { SpoolHeader, SpoolMessage } from '../../spool/types.js';
import type { ReportAddress, ReportHost, ReportInput, ReportOptions } from './types.js';

export const AUTOMATIC_LINE = 'This message was created automatically by mail delivery software.\n';
export const HEADERS_ONLY_NOTE = 'X-Exim-DSN-Information: Due to administrative limits only headers are returned\n';
const DSN_FAILURE = 8;
const DSN_DELAY = 16;
/** NEVER, SUCCESS, FAILURE, DELAY: any NOTIFY given at all. */
const DSN_NOTIFY_ANY = 2 | 4 | 8 | 16;

/** Exim's boundary: the time, "-eximdsn-", and a random number. */
export function reportBoundary(input: Pick<ReportInput, 'boundary' | 'now'>): string {
  if (input.boundary) return input.boundary;
  const now = input.now ?? Math.floor(Date.now() / 1000);
  return `${now}-eximdsn-${Math.floor(Math.random() * 2147483647)}`;
}

export function fromHeaderValue(options: ReportOptions): string {
  return options.dsnFrom ?? `Mail Delivery System <Mailer-Daemon@${options.qualifyDomain}>`;
}

const HEADER_FLAGS: Readonly<Record<string, string>> = { from: 'F', to: 'T', 'reply-to': 'R', cc: 'C', 'message-id': 'I' };

/** A header line in the spool's form, flagged as Exim's reception would flag it. */
export function header(name: string, value: string): SpoolHeader {
  return { type: HEADER_FLAGS[name.toLowerCase()] ?? ' ', text: `${name}: ${value}\n` };
}

/** Extra header text (template item 1), possibly several lines, as spool headers. */
export function rawHeaders(text: string): SpoolHeader[] {
  const out: SpoolHeader[] = [];
  const withNl = text.endsWith('\n') ? text : `${text}\n`;
  for (const line of withNl.split(/\n(?![ \t])/)) {
    if (line === '') continue;
    const name = line.slice(0, line.indexOf(':')).trim();
    out.push(header(name, line.slice(line.indexOf(':') + 1).replace(/^ /, '')));
  }
  return out;
}

export function contentTypeHeader(boundary: string): SpoolHeader {
  return header('Content-Type', `multipart/report; report-type=delivery-status; boundary=${boundary}`);
}

/** The value of a header of the message ($h_name: leading white space and final newline removed). */
export function headerValue(message: SpoolMessage, name: string): string | undefined {
  const lower = `${name.toLowerCase()}:`;
  const h = message.headers.find((x) => x.type !== '*' && x.text.toLowerCase().startsWith(lower));
  if (!h) return undefined;
  return h.text.slice(lower.length).replace(/^[ \t]+/, '').replace(/\n$/, '');
}

/** References: the original's references (unfolded) followed by its Message-ID. */
export function referencesValue(message: SpoolMessage): string | undefined {
  const id = headerValue(message, 'Message-ID');
  if (id === undefined) return undefined;
  const refs = headerValue(message, 'References');
  const previous = refs === undefined ? [] : refs.split(/\s+/).filter((s) => s !== '');
  return [...previous, id.trim()].join(' ');
}

/** X-Failed-Recipients: one address per line, comma-separated. */
export function failedRecipientsValue(addresses: readonly ReportAddress[]): string {
  return addresses.map((a) => a.address).join(',\n  ');
}

/** Whether an address's NOTIFY (if any was given) asks for this kind of report. */
export function notifyWants(a: ReportAddress, kind: 'failure' | 'delay'): boolean {
  const flags = a.dsnFlags ?? 0;
  if ((flags & DSN_NOTIFY_ANY) === 0) return true;
  return (flags & (kind === 'failure' ? DSN_FAILURE : DSN_DELAY)) !== 0;
}

/** Failed addresses that get a bounce: those without NOTIFY, or whose NOTIFY includes FAILURE. */
export function reportable(addresses: readonly ReportAddress[]): ReportAddress[] {
  return addresses.filter((a) => notifyWants(a, 'failure'));
}

const SMTP_ERROR_SPLIT = /^(SMTP error from remote (?:mail )?server (?:after|for) .*?:) (.*)$/s;

/**
 * The error text lines under an address in the text part: the host first for remote errors,
 * then the message, with an SMTP error broken after the command it answered and each line of
 * a multi-line reply on its own line, all indented by four spaces.
 */
export function addressTextLines(a: ReportAddress, firstPrefix = ''): string {
  let out = generatedLine(a);
  if (a.host) out += `    host ${hostLabel(a.host)}\n`;
  if (a.message === undefined) return out;
  const message = a.message;
  const m = SMTP_ERROR_SPLIT.exec(message);
  const lines = m ? [m[1]!, ...m[2]!.split('\n')] : message.split('\n');
  lines.forEach((line, i) => {
    out += `    ${i === 0 ? firstPrefix : ''}${line}\n`;
  });
  return out;
}

function generatedLine(a: ReportAddress): string {
  const g = a.generatedFrom;
  if (!g) return '';
  return `    (${g.levels > 1 ? 'ultimately ' : ''}generated from ${g.top})\n`;
}

function hostLabel(h: ReportHost): string {
  return `${h.name} [${h.address}]`;
}

export interface StatusFields {
  readonly action: 'failed' | 'delayed' | 'delivered';
  readonly status: string;
}

/** Remote-MTA / Diagnostic-Code (and the DSN_INFO extras) of one address. */
export function remoteFields(a: ReportAddress, options: ReportOptions): string {
  if (!a.host) return '';
  let out = `Remote-MTA: dns; ${a.host.name}\n`;
  if (options.dsnInfo) out += dsnInfoHostFields(a.host);
  if (a.smtpResponse !== undefined) out += `Diagnostic-Code: smtp; ${a.smtpResponse.split('\n').join('\n ')}\n`;
  if (options.dsnInfo && a.message) out += `X-Exim-Diagnostic: X-str; ${a.message.split('\n').join('\n ')}\n`;
  return out;
}

/** EXPERIMENTAL_DSN_INFO: the IP (with the port when not 25), greeting and HELO reply. */
function dsnInfoHostFields(h: ReportHost): string {
  const port = h.port !== undefined && h.port !== 25 ? `:${h.port}` : '';
  let out = `Remote-MTA: X-ip; [${h.address}]${port}\n`;
  if (h.greeting) out += `X-Remote-MTA-smtp-greeting: X-str; ${firstLine(h.greeting)}\n`;
  if (h.heloResponse) out += `X-Remote-MTA-helo-response: X-str; ${firstLine(h.heloResponse)}\n`;
  return out;
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

/** The message/delivery-status part's body: per-message fields, then one block per address. */
export function deliveryStatus(message: SpoolMessage, addresses: readonly ReportAddress[], fields: StatusFields, options: ReportOptions, extra: (a: ReportAddress) => string): string {
  let out = `Reporting-MTA: dns; ${options.primaryHostname}\n`;
  const envid = message.options.get('dsn_envid');
  if (typeof envid === 'string') out += `Original-Envelope-ID: ${envid}\n`;
  out += '\n';
  for (const a of addresses) {
    if (a.orcpt !== undefined && a.orcpt !== '' && !a.generatedFrom) out += `Original-Recipient: ${a.orcpt}\n`;
    out += `Action: ${fields.action}\nFinal-Recipient: rfc822;${a.generatedFrom?.top ?? a.address}\nStatus: ${fields.status}\n`;
    out += extra(a);
    out += '\n';
  }
  return out;
}

/** The returned message's header block: Return-path, then the live spool headers. */
export function returnedHeaders(message: SpoolMessage): string {
  let out = `Return-path: <${message.sender}>\n`;
  for (const h of message.headers) if (h.type !== '*') out += h.text;
  return out;
}

export function partStart(boundary: string, contentType: string): string {
  return `--${boundary}\nContent-type: ${contentType}\n\n`;
}
