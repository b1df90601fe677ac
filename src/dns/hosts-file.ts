/**
 * /etc/hosts, as the C library's "files" name service reads it: one address and its names per
 * line, `#` comments. Used by Exim's byname host lookups (gethostbyname and friends consult the
 * file before the DNS) and by byaddr reverse lookups. Re-read when the file changes.
 */
import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { ipv6Bytes } from './names.js';

export interface HostsEntry {
  readonly address: string;
  /** Canonical name first, then aliases. */
  readonly names: readonly string[];
}

export function parseHostsFile(text: string): HostsEntry[] {
  const out: HostsEntry[] = [];
  for (const raw of text.split('\n')) {
    const words = raw.replace(/#.*$/, '').trim().split(/\s+/);
    if (words.length < 2 || isIP(words[0]!) === 0) continue;
    out.push({ address: words[0]!, names: words.slice(1) });
  }
  return out;
}

/** Addresses compare by value, so ::1 equals 0:0:0:0:0:0:0:1. */
export function sameAddress(a: string, b: string): boolean {
  const ka = isIP(a);
  if (ka !== isIP(b) || ka === 0) return false;
  return ka === 4 ? a === b : ipv6Bytes(a).equals(ipv6Bytes(b));
}

export class HostsFile {
  private stamp = '';
  private entries: HostsEntry[] = [];

  constructor(readonly path = '/etc/hosts') {}

  private load(): HostsEntry[] {
    let stamp = '';
    try {
      const st = statSync(this.path);
      stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      this.entries = [];
      return this.entries;
    }
    if (stamp !== this.stamp) {
      this.entries = parseHostsFile(readFileSync(this.path, 'utf8'));
      this.stamp = stamp;
    }
    return this.entries;
  }

  /** Entries naming `name` (caseless), in file order. */
  byName(name: string): HostsEntry[] {
    const want = name.replace(/\.$/, '').toLowerCase();
    return this.load().filter((e) => e.names.some((n) => n.toLowerCase() === want));
  }

  byAddress(address: string): HostsEntry[] {
    return this.load().filter((e) => sameAddress(e.address, address));
  }
}
