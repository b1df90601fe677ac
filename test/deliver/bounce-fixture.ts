/**
 * Helpers for the report-composition tests: the exim4 cases of test/fixtures/bounce/cases.json
 * (made by scripts/oracle/gen-bounce.mjs) turned into composer inputs and expected outputs.
 */
import { readFileSync } from 'node:fs';
import { parseHeaderFile } from '../../src/spool/header-file-read.js';
import type { SpoolMessage } from '../../src/spool/types.js';
import type { ReportAddress, TemplateExpander } from '../../src/deliver/bounce/types.js';
import { createExpandContext, expand } from '../../src/expand/index.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { untainted, type TStr } from '../../src/expand/types.js';
import { stringToBytes, bytesToString } from '../../src/expand/operators/bytes.js';

export interface BounceCase {
  name: string;
  main?: string;
  original: Record<string, string>;
  generated: string[];
  mainlog: string;
}

export const CASES = JSON.parse(readFileSync('test/fixtures/bounce/cases.json', 'utf8')) as BounceCase[];

export function bounceCase(name: string): BounceCase {
  const c = CASES.find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name}`);
  return c;
}

export function original(c: BounceCase): { message: SpoolMessage; body: Buffer } {
  const hName = Object.keys(c.original).find((k) => k.endsWith('-H'))!;
  const dName = Object.keys(c.original).find((k) => k.endsWith('-D'))!;
  const parsed = parseHeaderFile(Buffer.from(c.original[hName]!, 'latin1'));
  const d = Buffer.from(c.original[dName]!, 'latin1');
  const body = d.subarray(d.indexOf(10) + 1);
  return { message: { ...parsed, bodySize: body.length }, body };
}

/** Headers added when the report is received and delivered, not by the composer. */
const RECEPTION_HEADERS = /^(return-path|envelope-to|received|message-id|date):/i;

export interface ExpectedReport {
  recipient: string;
  headers: string;
  body: Buffer;
  boundary: string;
  /** When it was made (its Date: header), in seconds. */
  date: number;
}

/** The reports exim4 generated (those with a multipart/report boundary), split up. */
export function reports(c: BounceCase): ExpectedReport[] {
  return c.generated.filter((g) => g.includes('-eximdsn-')).map((g) => {
    const raw = Buffer.from(g, 'latin1');
    const sep = raw.indexOf('\n\n');
    const headerText = bytesToString(raw.subarray(0, sep + 1));
    const lines = headerText.split(/\n(?![ \t])/).filter((l) => l !== '');
    const recipient = /^Envelope-to: (.*)$/m.exec(headerText)![1]!;
    const kept = lines.filter((l) => !RECEPTION_HEADERS.test(l)).map((l) => `${l}\n`).join('');
    const boundary = /boundary=(\S+)/.exec(headerText)![1]!;
    const date = Date.parse(/^Date: (.*)$/m.exec(headerText)![1]!) / 1000;
    return { recipient, headers: kept, body: raw.subarray(sep + 2), boundary, date };
  });
}

interface LogAddress extends ReportAddress {
  readonly marker: string;
}

const LOG_LINE = /^\S+ \S+ \S+ (\*\*|==) (\S+)(?: <([^>]+)>)?(.*?)(?: H=(\S+) \[([^\]]+)\])?: (.*)$/;
const SMTP_ERROR = /^SMTP error from remote mail server after .*?: (.*)$/s;

/** Failed (`**`) or deferred (`==`) addresses from the log, in log order, first run only. */
export function logAddresses(c: BounceCase, marker: '**' | '=='): ReportAddress[] {
  const { message } = original(c);
  const out: LogAddress[] = [];
  for (const line of c.mainlog.split('\n')) {
    const m = LOG_LINE.exec(line);
    if (!m || m[1] !== marker) continue;
    if (out.some((a) => a.address === m[2])) break;
    const text = m[7]!.replace(/\\n/g, '\n');
    const top = m[3];
    const rcpt = message.recipients.find((r) => r.address === (top ?? m[2]));
    const smtp = SMTP_ERROR.exec(text);
    out.push({
      marker,
      address: m[2]!,
      message: text,
      ...(m[5] ? { host: { name: m[5], address: m[6]! } } : {}),
      ...(top ? { generatedFrom: { top, levels: 1 } } : {}),
      ...(smtp ? { smtpResponse: smtp[1]! } : {}),
      ...(rcpt?.dsnOrcpt ? { orcpt: rcpt.dsnOrcpt } : {}),
      ...(rcpt?.dsnFlags !== undefined ? { dsnFlags: rcpt.dsnFlags } : {}),
    });
  }
  return out;
}

/** A real expander with the message's headers and variables, as delivery would provide. */
export function expanderFor(message: SpoolMessage): TemplateExpander {
  return async (text, vars) => {
    const v = new Map<string, TStr>([
      ['sender_address', untainted(message.sender)],
      ['message_exim_id', untainted(message.id)],
    ]);
    for (const [k, val] of Object.entries(vars)) v.set(k, untainted(val));
    const ctx = createExpandContext({
      config: { mainOption: () => undefined, namedList: () => undefined },
      lookups: createLookupRegistry({}),
      vars: v,
      headers: {
        list: () =>
          message.headers.filter((h) => h.type !== '*').map((h) => {
            const colon = h.text.indexOf(':');
            return { name: h.text.slice(0, colon), raw: h.text.slice(colon + 1).replace(/\n$/, '') };
          }),
      },
    });
    return (await expand(text, ctx)).s;
  };
}

export function headersText(headers: readonly { text: string }[]): string {
  return headers.map((h) => h.text).join('');
}

export { stringToBytes };
