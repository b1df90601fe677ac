/**
 * iplsearch: an lsearch-format file whose keys are IP addresses or networks (`a.b.c.d/n`;
 * IPv6 keys must be quoted because of their colons). The first entry containing the looked-up
 * address wins. File keys that are not addresses are skipped; the looked-up key must be an
 * address (IPv4-mapped IPv6 is turned into IPv4 first) or `*` (a default entry).
 */
import { checkLinearSearchFile, derivedIndex, loadLinearSearchFile, type LinearSearchFile } from '../file-util.js';
import { inNetwork, parseIpAddress, unmapIPv4, type IpAddress } from '../ip-address.js';
import { entryAt, entryResult, keyLinesOf, type KeyLine } from '../linear-file.js';
import { LookupDefer, type LookupDriver, type LookupRequest } from '../types.js';

interface Network {
  readonly net: IpAddress;
  readonly bits: number;
}

/** A file key as a network; an empty mask (`1.2.3.4/`) counts as /0, as in Exim. */
function parseNetwork(text: string): Network | null {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const maskText = slash < 0 ? undefined : text.slice(slash + 1);
  if (maskText !== undefined && !/^[0-9]*$/.test(maskText)) return null;
  const net = parseIpAddress(addrText);
  if (!net) return null;
  const bits = maskText === undefined ? net.bytes.length * 8 : maskText === '' ? 0 : Number.parseInt(maskText, 10);
  return { net, bits };
}

function invalidKey(key: string): LookupDefer {
  return new LookupDefer(
    `"${key}" is not a valid iplsearch key (an IP address, with optional CIDR mask, is wanted): ` +
      'in a host list, use net-iplsearch as the search type',
  );
}

/** A key line with its key parsed as a network (null when it is not one). */
interface NetworkLine {
  readonly line: KeyLine;
  readonly network: Network | null;
}

function networkLines(file: LinearSearchFile): NetworkLine[] {
  return keyLinesOf(file.lines).map((line) => ({ line, network: parseNetwork(line.field.key) }));
}

function keyMatcher(key: string): (entry: NetworkLine) => boolean {
  if (key === '*') return (entry) => entry.line.field.key === '*';
  const parsed = key.includes('/') ? null : parseIpAddress(key);
  if (!parsed) throw invalidKey(key);
  const addr = unmapIPv4(parsed);
  return ({ network }) => network !== null && inNetwork(addr, network.net, network.bits);
}

export const iplsearchDriver: LookupDriver = {
  name: 'iplsearch',
  style: 'single-key',
  checkFile: checkLinearSearchFile,
  async find(req: LookupRequest): Promise<string | null> {
    const matcher = keyMatcher(req.key);
    const file = loadLinearSearchFile(req.file!);
    const hit = derivedIndex(file, 'iplsearch', networkLines).find(matcher);
    return hit ? entryResult(entryAt(file.lines, hit.line.n, hit.line.field), req.options) : null;
  },
};
