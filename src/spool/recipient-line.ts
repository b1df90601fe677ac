/**
 * One recipient line of a -H file. The plain form is just the address. When the recipient has
 * DSN flags, an errors_to address or a "one time" parent, Exim writes
 *   `<address> <orcpt> <orcpt-length>,<dsn-flags> <errors_to> <errors_to-length>,<parent>#3`
 * (bit 1 of the trailing flags: errors_to and parent present; bit 2: ORCPT and DSN flags
 * present). Older spool files may carry only bit 1: `<address> <errors_to> <len>,<parent>#1`.
 * Fields are located from the end by their lengths, so addresses may contain spaces.
 */
import type { SpoolRecipient } from './types.js';

export const DSN_NEVER = 2;
export const DSN_SUCCESS = 4;
export const DSN_FAILURE = 8;
export const DSN_DELAY = 16;

const NOTIFY_BITS: ReadonlyArray<readonly [NonNullable<SpoolRecipient['dsnNotify']>[number], number]> = [
  ['NEVER', DSN_NEVER],
  ['SUCCESS', DSN_SUCCESS],
  ['FAILURE', DSN_FAILURE],
  ['DELAY', DSN_DELAY],
];

export function dsnFlagsOf(r: SpoolRecipient): number {
  if (r.dsnFlags !== undefined) return r.dsnFlags;
  let flags = 0;
  for (const [name, bit] of NOTIFY_BITS) if (r.dsnNotify?.includes(name)) flags |= bit;
  return flags;
}

export function dsnNotifyOf(flags: number): NonNullable<SpoolRecipient['dsnNotify']> {
  return NOTIFY_BITS.filter(([, bit]) => (flags & bit) !== 0).map(([name]) => name);
}

/** The line for a recipient (no newline). Byte lengths are measured with `byteLength`. */
export function formatRecipientLine(r: SpoolRecipient, byteLength: (s: string) => number): string {
  const flags = dsnFlagsOf(r);
  const parent = r.parent ?? -1;
  const errorsTo = r.errorsTo ?? '';
  if (flags === 0 && errorsTo === '' && parent < 0) return r.address;
  const orcpt = r.dsnOrcpt ?? '';
  return `${r.address} ${orcpt} ${byteLength(orcpt)},${flags} ${errorsTo} ${byteLength(errorsTo)},${parent}#3`;
}

/**
 * Parses a recipient line; returns undefined when an extended form is inconsistent (the caller
 * reports the format error). `byteLength` measures the byte-counted fields.
 */
export function parseRecipientLine(line: string, byteLength: (s: string) => number): SpoolRecipient | undefined {
  const m = /#(\d+)$/.exec(line);
  if (!m) return { address: line };
  const bits = Number(m[1]);
  let rest = line.slice(0, m.index);
  const out: { address: string; errorsTo?: string; parent?: number; dsnOrcpt?: string; dsnFlags?: number; dsnNotify?: SpoolRecipient['dsnNotify'] } = { address: '' };
  if (bits & 1) {
    const f = takeCounted(rest, byteLength);
    if (!f) return undefined;
    if (f.value !== '') out.errorsTo = f.value;
    if (f.second >= 0) out.parent = f.second;
    rest = f.rest;
  }
  if (bits & 2) {
    const f = takeCounted(rest, byteLength);
    if (!f) return undefined;
    if (f.value !== '') out.dsnOrcpt = f.value;
    out.dsnFlags = f.second;
    out.dsnNotify = dsnNotifyOf(f.second);
    rest = f.rest;
  }
  out.address = rest;
  return out;
}

/** Takes `<value> <length>,<n>` off the end of `s` (value preceded by a space): value, n, and what precedes. */
function takeCounted(s: string, byteLength: (s: string) => number): { value: string; second: number; rest: string } | undefined {
  const m = / (\d+),(-?\d+)$/.exec(s);
  if (!m) return undefined;
  const len = Number(m[1]);
  const before = s.slice(0, m.index);
  // Walk back over `len` bytes: characters are counted in bytes, so step char by char.
  let i = before.length;
  let bytes = 0;
  while (bytes < len && i > 0) {
    const cp = before.codePointAt(i - 1)!;
    const step = cp >= 0xdc00 && cp <= 0xdfff && i >= 2 && (before.charCodeAt(i - 2) & 0xfc00) === 0xd800 ? 2 : 1;
    i -= step;
    bytes += byteLength(before.slice(i, i + step));
  }
  if (bytes !== len || i < 1 || before[i - 1] !== ' ') return undefined;
  return { value: before.slice(i), second: Number(m[2]), rest: before.slice(0, i - 1) };
}
