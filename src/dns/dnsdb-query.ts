/**
 * Parsing a dnsdb query (spec "More about dnsdb", "Dnsdb lookup modifiers"):
 *
 *   [>S[,F | ;]] [modifier,]... [type=]name[:name...]
 *
 * `>S` sets the record separator (default newline; a space is allowed), `,F` right after it
 * the field separator (the very next character, even a space), `;` an empty field separator.
 * Modifiers (caseless, each ended by a comma, white space allowed around it):
 * defer_strict|lax|never, dnssec_strict|lax|never, retrans_<time>, retry_<n>. The type is
 * caseless; without `=` it is TXT. The names form an Exim list, except that a PTR query
 * whose whole text is one IPv6 address is not split on its colons.
 * Errors carry Exim's texts; the lookup reports them as a deferral.
 */
import { isIP } from 'node:net';
import { listItems } from '../util/exim-list.js';
import { readTime } from '../config/options/values.js';
import { DnsError } from './types.js';

export type DnsdbType = 'a' | 'a+' | 'aaaa' | 'cname' | 'csa' | 'mx' | 'mxh' | 'ns' | 'ptr' | 'soa' | 'spf' | 'srv' | 'tlsa' | 'txt' | 'zns';
export type DnsdbMode = 'strict' | 'lax' | 'never';

const TYPES = new Set<string>(['a', 'a+', 'aaaa', 'cname', 'csa', 'mx', 'mxh', 'ns', 'ptr', 'soa', 'spf', 'srv', 'tlsa', 'txt', 'zns']);
const MODES = new Set<string>(['strict', 'lax', 'never']);

export interface DnsdbQuery {
  readonly sep: string;
  readonly fieldSep?: string;
  readonly defer: DnsdbMode;
  readonly dnssec: DnsdbMode;
  /** retrans_ modifier, in seconds. */
  readonly retransSec?: number;
  /** retry_ modifier. */
  readonly retry?: number;
  readonly type: DnsdbType;
  readonly names: readonly string[];
}

/** A malformed query; the message is Exim's. */
export class DnsdbQueryError extends DnsError {}

const isWhite = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

function skipWhite(s: string, i: number): number {
  while (isWhite(s[i])) i++;
  return i;
}

interface Mutable {
  sep: string;
  fieldSep?: string;
  defer: DnsdbMode;
  dnssec: DnsdbMode;
  retransSec?: number;
  retry?: number;
}

/** Reads one modifier at `i` (known to start with a modifier prefix); returns the index after its comma. */
function readModifier(s: string, i: number, q: Mutable): number {
  const prefix = /^(defer|dnssec|retrans|retry)_/i.exec(s.slice(i))![1]!.toLowerCase();
  let j = i + prefix.length + 1;
  if (prefix === 'defer' || prefix === 'dnssec') {
    const word = /^[a-z]*/i.exec(s.slice(j))![0];
    const mode = word.toLowerCase();
    if (!MODES.has(mode)) throw new DnsdbQueryError(`unsupported dnsdb ${prefix} behaviour`);
    if (prefix === 'defer') q.defer = mode as DnsdbMode;
    else q.dnssec = mode as DnsdbMode;
    j += word.length;
  } else if (prefix === 'retrans') {
    const end = s.indexOf(',', j);
    const secs = readTime(end < 0 ? s.slice(j) : s.slice(j, end));
    if (secs < 0) throw new DnsdbQueryError('unsupported dnsdb timeout value');
    q.retransSec = secs;
    j = end < 0 ? s.length : end;
  } else {
    const digits = /^\d*/.exec(s.slice(j))![0];
    if (digits !== '') q.retry = Number(digits);
    j += digits.length;
  }
  j = skipWhite(s, j);
  if (s[j] !== ',') throw new DnsdbQueryError('dnsdb modifier syntax error');
  return skipWhite(s, j + 1);
}

function splitNames(type: DnsdbType, text: string): string[] {
  if (type === 'ptr' && !text.trimStart().startsWith('<') && isIP(text.trim()) === 6) return [text.trim()];
  return listItems(text, ':').filter((n) => n !== '');
}

export function parseDnsdbQuery(query: string): DnsdbQuery {
  const q: Mutable = { sep: '\n', defer: 'lax', dnssec: 'lax' };
  let i = 0;
  if (query[0] === '>') {
    if (query.length > 1) q.sep = query[1]!;
    i = 2;
    if (query[i] === ',') {
      q.fieldSep = query[i + 1] ?? '';
      i += 2;
    } else if (query[i] === ';') {
      q.fieldSep = '';
      i += 1;
    }
    i = skipWhite(query, i);
  }
  while (/^(defer|dnssec|retrans|retry)_/i.test(query.slice(i))) i = readModifier(query, i, q);
  let rest = query.slice(i);
  let type: DnsdbType = 'txt';
  const eq = rest.indexOf('=');
  if (eq >= 0) {
    const name = rest.slice(0, eq).trimEnd().toLowerCase();
    if (!TYPES.has(name)) throw new DnsdbQueryError('unsupported DNS record type');
    type = name as DnsdbType;
    rest = rest.slice(skipWhite(rest, eq + 1));
  }
  return { ...q, type, names: splitNames(type, rest) };
}
