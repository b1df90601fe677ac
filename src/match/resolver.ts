/**
 * Default name service for host lists: forward lookups through the operating system (as Exim's
 * gethostbyname/getaddrinfo use), no reverse lookups until the DNS module exists.
 */
import { lookup } from 'node:dns/promises';
import { LookupDefer } from '../lookups/types.js';
import type { HostResolver } from './types.js';

const NOT_FOUND = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);

export const systemResolver: HostResolver = {
  async addressesOf(name: string): Promise<string[] | null> {
    try {
      const found = await lookup(name, { all: true, verbatim: true });
      return found.length === 0 ? null : found.map((a) => a.address);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (NOT_FOUND.has(code)) return null;
      throw new LookupDefer(`temporary failure looking up ${name}: ${code}`);
    }
  },
};
