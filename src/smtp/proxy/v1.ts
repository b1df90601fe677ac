/**
 * PROXY v1 (text) line parsing, in Exim 4.96's manner and in the spec's.
 *
 * Exim walks the line field by field and applies each value as soon as it is read, so a line that
 * goes wrong half-way leaves the earlier values applied (and negotiation is still "failed").
 * Its checks are lenient: any IP address form in either TCP4 or TCP6 lines, ports read as C's
 * strtol would (sign, leading blanks, leading zeros, out-of-range values truncated to an int) with
 * only 0 refused, anything after UNKNOWN ignored. The failure reasons are Exim's debug texts.
 */
import { ipVersion } from '../../expand/conditions/ip-address.js';
import type { ProxyAssignments, ProxyHeader } from './types.js';

export type V1Outcome =
  | { readonly ok: true; readonly header: ProxyHeader; readonly detail: string }
  | { readonly ok: false; readonly reason: string; readonly assignments: ProxyAssignments };

/** C's isspace() in the C locale. */
const isCSpace = (c: string | undefined): boolean => c !== undefined && ' \t\n\v\f\r'.includes(c);

/**
 * strtol(s, &end, 10) then stored in an int: returns the int and whether the whole string was
 * used. Blank prefix and sign are accepted; overflow clamps to the long range before truncation.
 */
export function cStrtolInt(s: string): { value: number; complete: boolean } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(s);
  if (!m) return { value: 0, complete: s.length === 0 };
  const LONG_MAX = (1n << 63n) - 1n;
  let big = BigInt(m[2]!);
  if (m[1] === '-') big = -big;
  if (big > LONG_MAX) big = LONG_MAX;
  if (big < -LONG_MAX - 1n) big = -LONG_MAX - 1n;
  return { value: Number(BigInt.asIntN(32, big)), complete: m[0].length === s.length };
}

/** Exim accepts any address form here; a %scope suffix is refused (Exim dies on one later). */
const isProxyAddress = (s: string): boolean => !s.includes('%') && ipVersion(s) !== 0;

/** Cut the next space-terminated field from `rest`; null when there is no space. */
function takeField(rest: string): { field: string; after: string } | null {
  const sp = rest.indexOf(' ');
  return sp < 0 ? null : { field: rest.slice(0, sp), after: rest.slice(sp + 1) };
}

/**
 * Parse the bytes Exim read for a v1 header (latin1 text, terminator included) the way Exim does:
 * the text stops at a NUL, and its first CR must be followed by LF.
 */
export function parseV1Exim(line: string): V1Outcome {
  const nul = line.indexOf('\0');
  const text = nul >= 0 ? line.slice(0, nul) : line;
  const cr = text.indexOf('\r');
  if (cr < 0 || text[cr + 1] !== '\n') return fail('Partial or invalid PROXY header', {});
  return parseV1Fields(text.slice(0, cr));
}

function fail(reason: string, assignments: ProxyAssignments): V1Outcome {
  return { ok: false, reason, assignments };
}

function parseV1Fields(body: string): V1Outcome {
  if (!isCSpace(body[5])) return fail('Missing space after PROXY command', {});
  const afterProxy = body.slice(6);
  let family: 'TCP4' | 'TCP6';
  if (afterProxy.startsWith('TCP4')) family = 'TCP4';
  else if (afterProxy.startsWith('TCP6')) family = 'TCP6';
  else if (afterProxy.startsWith('UNKNOWN')) {
    const header: ProxyHeader = { version: 1, command: 'PROXY', family: 'UNKNOWN', assignments: {}, tlvs: [] };
    return { ok: true, header, detail: 'Valid Unknown sender from Proxy Protocol header' };
  } else return fail('Invalid TCP type', {});
  const ipType = family === 'TCP4' ? 'IPv4' : 'IPv6';
  if (!isCSpace(afterProxy[4])) return fail('Missing space after TCP4/6 command', {});
  return parseV1Endpoints(afterProxy.slice(5), family, ipType);
}

function parseV1Endpoints(fields: string, family: 'TCP4' | 'TCP6', ipType: string): V1Outcome {
  const src = takeField(fields);
  if (!src) return fail(`Did not find proxied src ${ipType}`, {});
  if (!isProxyAddress(src.field)) return fail(`Proxied src arg is not an ${ipType} address`, {});
  let a: ProxyAssignments = { clientAddress: src.field };
  const dst = takeField(src.after);
  if (!dst) return fail(`Did not find proxy dest ${ipType}`, a);
  if (!isProxyAddress(dst.field)) return fail(`Proxy dest arg is not an ${ipType} address`, a);
  a = { ...a, externalAddress: dst.field };
  const sport = takeField(dst.after);
  if (!sport) return fail('Did not find proxied src port', a);
  const sp = cStrtolInt(sport.field);
  if (!sp.complete || sp.value === 0) return fail(`Proxied src port '${sport.field}' not an integer`, a);
  a = { ...a, clientPort: sp.value };
  const dp = cStrtolInt(sport.after);
  if (!dp.complete || dp.value === 0) return fail(`Proxy dest port '${sport.after}' not an integer`, a);
  a = { ...a, externalPort: dp.value };
  const header: ProxyHeader = { version: 1, command: 'PROXY', family, assignments: a, tlvs: [] };
  return { ok: true, header, detail: `Valid ${ipType} sender from Proxy Protocol header` };
}

// ---------------------------------------------------------------------------------------------
// Strict (HAProxy specification) parsing
// ---------------------------------------------------------------------------------------------

/** Longest v1 line the spec allows, CRLF included. */
export const V1_MAX_LINE = 107;

const PORT = /^(?:0|[1-9]\d{0,4})$/;

function strictPort(s: string): number | null {
  if (!PORT.test(s)) return null;
  const n = Number(s);
  return n <= 65535 ? n : null;
}

/** Parse a complete line (CRLF included) by the letter of the spec. */
export function parseV1Strict(line: string): V1Outcome {
  if (!line.endsWith('\r\n') || /[\r\n]/.test(line.slice(0, -2))) return fail('v1 line not ended by a single CRLF', {});
  const body = line.slice(0, -2);
  if (body === 'PROXY UNKNOWN' || body.startsWith('PROXY UNKNOWN ')) {
    const header: ProxyHeader = { version: 1, command: 'PROXY', family: 'UNKNOWN', assignments: {}, tlvs: [] };
    return { ok: true, header, detail: 'Valid Unknown sender from Proxy Protocol header' };
  }
  const parts = body.split(' ');
  if (parts.length !== 6 || parts[0] !== 'PROXY') return fail('v1 line does not have six space-separated fields', {});
  const [, fam, src, dst, sportText, dportText] = parts as [string, string, string, string, string, string];
  if (fam !== 'TCP4' && fam !== 'TCP6') return fail(`v1 protocol ${JSON.stringify(fam)} is not TCP4, TCP6 or UNKNOWN`, {});
  const want = fam === 'TCP4' ? 4 : 6;
  const addrOk = (s: string): boolean => !s.includes('%') && ipVersion(s) === want;
  if (!addrOk(src) || !addrOk(dst)) return fail(`v1 address is not a valid ${fam === 'TCP4' ? 'IPv4' : 'IPv6'} address`, {});
  const sport = strictPort(sportText);
  const dport = strictPort(dportText);
  if (sport === null || dport === null) return fail('v1 port is not a number from 0 to 65535 without leading zeros', {});
  const assignments: ProxyAssignments = { clientAddress: src, externalAddress: dst, clientPort: sport, externalPort: dport };
  const header: ProxyHeader = { version: 1, command: 'PROXY', family: fam, assignments, tlvs: [] };
  return { ok: true, header, detail: `Valid ${fam === 'TCP4' ? 'IPv4' : 'IPv6'} sender from Proxy Protocol header` };
}
