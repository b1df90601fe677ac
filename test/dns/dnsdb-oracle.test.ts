/**
 * Every dnsdb case that exim4 -be answered (scripts/oracle/gen-dns.mjs, against the same zones
 * served the same way), run through Mailwright's expansion engine against unbound on loopback.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { expand } from '../../src/expand/index.js';
import { ExpandError } from '../../src/expand/types.js';
import type { DnsResolver } from '../../src/dns/resolver.js';
import { dnsContext, resolverFor } from './helpers.js';
import { startUnbound, type TestDnsServer } from './unbound.js';

interface OracleCase {
  readonly expr: string;
  readonly out?: string;
  readonly error?: string;
}

const fixture = JSON.parse(readFileSync('test/fixtures/dns/dnsdb-oracle.json', 'utf8')) as { cases: OracleCase[] };

describe('dnsdb against exim4 -be', () => {
  let server: TestDnsServer;
  let resolver: DnsResolver;
  before(async () => {
    server = await startUnbound();
    resolver = resolverFor(server);
  });
  after(async () => server?.stop());

  for (const c of fixture.cases) {
    it(c.expr, async () => {
      resolver.clearCache();
      const ctx = dnsContext(resolver);
      let got: { out?: string; error?: string };
      try {
        got = { out: (await expand(c.expr, ctx)).s };
      } catch (err) {
        if (!(err instanceof ExpandError)) throw err;
        got = { error: err.message };
      }
      assert.deepEqual(got, c.out !== undefined ? { out: c.out } : { error: c.error });
    });
  }
});
