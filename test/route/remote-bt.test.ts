/**
 * The remote routers (dnslookup, manualroute, ipliteral) through -bt / -bv against exim4 4.96
 * (test/fixtures/route-remote/bt.json, made by scripts/oracle/gen-route-remote.mjs with the
 * same unbound zones): byte-identical stdout and stderr (timestamps masked), same exit code.
 * Orders Exim randomizes (equal MX preferences, the addresses of one host, hosts_randomize) are
 * compared after sorting the host lines concerned, on both sides.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureAddressTest } from './address-test-run.js';
import { startUnbound, type TestDnsServer } from '../dns/unbound.js';
import { canonicalHostOrder } from './remote-helpers.js';

interface Case {
  address: string;
  args: string[];
  anyOrder?: boolean;
  stdout: string;
  stderr: string;
  status: number;
}
interface Group {
  name: string;
  config: string;
  cases: Case[];
}
const fixture = JSON.parse(readFileSync('test/fixtures/route-remote/bt.json', 'utf8')) as {
  resolvConf: string;
  scratch: string;
  files: Record<string, string>;
  groups: Group[];
};

let server: TestDnsServer;

before(async () => {
  server = await startUnbound();
  mkdirSync(join(fixture.scratch, 'spool'), { recursive: true });
  for (const [name, text] of Object.entries(fixture.files)) writeFileSync(join(fixture.scratch, name), text);
  // The oracle's resolv.conf, pointing at the test server's port.
  const resolv = join(fixture.scratch, 'resolv.conf');
  writeFileSync(resolv, fixture.resolvConf.replace(/^nameserver 127\.0\.0\.1$/m, `nameserver 127.0.0.1#${server.port}`));
  process.env['MAILWRIGHT_RESOLV_CONF'] = resolv;
});

after(async () => {
  await server?.stop();
});

function run(conf: string, c: Case): Promise<{ stdout: string; stderr: string; status: number }> {
  const mode = c.args[0] === '-bv' ? 'bv' : c.args[0] === '-bvs' ? 'bvs' : 'bt';
  return captureAddressTest({ mode, configFile: conf, operands: c.args.slice(1) });
}

/** Differences that belong to other parts of Mailwright, not to the remote routers. */
const KNOWN: Record<string, string> = {};

const maskTime = (t: string): string => t.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /gm, 'TIMESTAMP ');

for (const group of fixture.groups) {
  test(`remote routers vs exim4 -bt: ${group.name}`, async (t) => {
    const conf = join(fixture.scratch, `route-${group.name}.conf`);
    writeFileSync(conf, group.config);
    for (const c of group.cases) {
      await t.test(c.args.join(' '), { todo: KNOWN[`${group.name} ${c.args.join(' ')}`] }, async () => {
        const got = await run(conf, c);
        const canon = (s: string) => canonicalHostOrder(s, c.anyOrder === true);
        assert.equal(canon(got.stdout), canon(c.stdout), 'stdout');
        assert.equal(maskTime(got.stderr), maskTime(c.stderr), 'stderr');
        assert.equal(got.status, c.status, 'exit code');
      });
    }
  });
}
