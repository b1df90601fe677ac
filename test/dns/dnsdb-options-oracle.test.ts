/**
 * The oracle's dns_* option groups, run through the production path: the resolver is built by
 * resolverFor() from a resolv.conf (MAILWRIGHT_RESOLV_CONF) naming the test server and from
 * the main options of a configuration view.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTime } from '../../src/config/options/values.js';
import { createExpandContext, expand } from '../../src/expand/index.js';
import { ExpandError } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { configView } from './helpers.js';
import { startUnbound, type TestDnsServer } from './unbound.js';

interface OracleCase {
  readonly expr: string;
  readonly out?: string;
  readonly error?: string;
}
interface Group {
  readonly name: string;
  readonly config: string;
  readonly cases: OracleCase[];
}

const fixture = JSON.parse(readFileSync('test/fixtures/dns/dnsdb-oracle.json', 'utf8')) as { groups: Group[] };

/** Option values typed as the config module stores them. */
function optionsOf(config: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const line of config.split('\n')) {
    const m = /^(\w+)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, name, value] = m as unknown as [string, string, string];
    if (name === 'dns_retrans') out[name] = readTime(value);
    else if (name === 'dns_retry' || name === 'dns_dnssec_ok' || name === 'dns_use_edns0') out[name] = Number(value);
    else out[name] = value;
  }
  return out;
}

describe('dnsdb with dns_* options against exim4 -be', () => {
  let server: TestDnsServer;
  let saved: string | undefined;
  before(async () => {
    server = await startUnbound();
    saved = process.env['MAILWRIGHT_RESOLV_CONF'];
    process.env['MAILWRIGHT_RESOLV_CONF'] = server.resolvConf;
  });
  after(async () => {
    if (saved === undefined) delete process.env['MAILWRIGHT_RESOLV_CONF'];
    else process.env['MAILWRIGHT_RESOLV_CONF'] = saved;
    await server?.stop();
  });

  for (const group of fixture.groups) {
    for (const c of group.cases) {
      it(`${group.name}: ${c.expr}`, async () => {
        const ctx = createExpandContext({ config: configView(optionsOf(group.config)), lookups: createLookupRegistry(), testMode: true, admin: true });
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
  }
});
