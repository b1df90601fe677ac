/**
 * Renders a -H file in Exim's format (spec chapter "Format of spool files"): name line, owner,
 * `<sender>`, time and warning count, dash options, non-recipients tree, recipient count and
 * lines, a blank line, then each header as `<length><flag> <text>` where the length is at least
 * three digits and counts the text's bytes including folds and the final newline.
 * Strings are Mailwright strings (undecodable bytes as U+DC80..U+DCFF); output is Exim's bytes.
 */
import { byteLength, stringToBytes } from '../expand/operators/bytes.js';
import type { TStr } from '../expand/types.js';
import { ACL_RANK, optionRank, SMTP_TAINTED, SMTP_TAINTED_UNLESS_LOCAL } from './option-order.js';
import { formatRecipientLine } from './recipient-line.js';
import { treeInsert, treeLines } from './tree.js';
import type { SpoolHeader, SpoolMessage } from './types.js';

export type SpoolMessageContent = Omit<SpoolMessage, 'id' | 'bodySize'>;

export function renderHeaderFile(id: string, m: SpoolMessageContent): Buffer {
  const lines: string[] = [`${id}-H`, `${m.owner.login} ${m.owner.uid} ${m.owner.gid}`, `<${m.sender}>`, `${m.received.seconds} ${m.warningCount}`];
  lines.push(...optionLines(m));
  lines.push(...treeLines(nonRecipientTree(m)));
  lines.push(String(m.recipients.length));
  for (const r of m.recipients) lines.push(formatRecipientLine(r, byteLength));
  lines.push('');
  let text = lines.join('\n') + '\n';
  for (const h of m.headers) text += formatHeader(h);
  return stringToBytes(text);
}

export function formatHeader(h: SpoolHeader): string {
  if (h.type.length !== 1) throw new RangeError(`header type must be one character, not ${JSON.stringify(h.type)}`);
  if (!h.text.endsWith('\n')) throw new RangeError(`header text must end with a newline: ${JSON.stringify(h.text.slice(0, 40))}`);
  return `${String(byteLength(h.text)).padStart(3, '0')}${h.type} ${h.text}`;
}

function nonRecipientTree(m: SpoolMessageContent): SpoolMessage['nonRecipients'] {
  if (m.nonRecipients) return m.nonRecipients;
  return treeInsert(undefined, ...m.recipients.filter((r) => r.delivered).map((r) => r.address));
}

/** The options of the message with the writer's fill-ins (see SpoolMessage.options). */
function effectiveOptions(m: SpoolMessageContent): Map<string, string | true> {
  const opts = new Map(m.options);
  if (!opts.has('received_time_usec')) opts.set('received_time_usec', `.${String(m.received.micros).padStart(6, '0')}`);
  if (m.frozen && !opts.has('frozen')) opts.set('frozen', String(m.received.seconds));
  if (m.frozen === false) opts.delete('frozen');
  return opts;
}

function isTainted(m: SpoolMessageContent, name: string): boolean {
  if (m.taintedOptions) return m.taintedOptions.has(name);
  return SMTP_TAINTED.has(name) || (SMTP_TAINTED_UNLESS_LOCAL.has(name) && !m.options.has('local'));
}

function optionLines(m: SpoolMessageContent): string[] {
  const opts = [...effectiveOptions(m)].map(([name, value], index) => ({ name, value, index, rank: optionRank(name) }));
  opts.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const out: string[] = [];
  let aclDone = false;
  const acl = (): void => {
    if (!aclDone) out.push(...aclLines(m.aclVars));
    aclDone = true;
  };
  for (const o of opts) {
    if (o.rank > ACL_RANK) acl();
    const dash = isTainted(m, o.name) ? '--' : '-';
    out.push(o.value === true ? `${dash}${o.name}` : `${dash}${o.name} ${o.value}`);
  }
  acl();
  return out;
}

/** `-aclc <rest> <length>` / `-aclm ...` then the value on following line(s), in name order. */
function aclLines(vars: ReadonlyMap<string, TStr>): string[] {
  const names = [...vars.keys()].filter((n) => /^acl_[cm]/.test(n)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const out: string[] = [];
  for (const name of names) {
    const v = vars.get(name)!;
    out.push(`${v.tainted ? '--' : '-'}acl${name[4]} ${name.slice(5)} ${byteLength(v.s)}`, v.s);
  }
  return out;
}
