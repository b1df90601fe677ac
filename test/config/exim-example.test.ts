// Exim's own example configuration (the default `configure`, shipped as example.conf in Debian's
// exim4-base package) must load, with the routers and transports `exim4 -bP router_list transport_list` reports for it. The file is
// fetched by scripts/deps/debian-package.sh; outside CI the test is skipped when apt cannot fetch it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadConfig } from '../../src/config/index.js';

const INSIDE = 'usr/share/doc/exim4-base/examples/example.conf';

function examplePath(): string | undefined {
  const r = spawnSync('sh', ['scripts/deps/debian-package.sh', 'exim4-base', INSIDE], { encoding: 'utf8' });
  const path = r.stdout.trim();
  if (r.status === 0 && existsSync(path)) return path;
  return existsSync(`/${INSIDE}`) ? `/${INSIDE}` : undefined;
}

const example = examplePath();
const skip = example === undefined && process.env.CI !== 'true' && 'exim4-base could not be fetched';

test("Exim's example configuration loads", { skip }, () => {
  assert.ok(example, 'example.conf is needed in CI (scripts/deps/debian-package.sh exim4-base ...)');
  const cfg = loadConfig({ file: example });
  assert.deepEqual(cfg.routers.map((r) => `${r.name}:${r.driver}`), ['dnslookup:dnslookup', 'system_aliases:redirect', 'userforward:redirect', 'localuser:accept']);
  assert.deepEqual(cfg.transports.map((t) => t.name), ['remote_smtp', 'smarthost_smtp', 'local_delivery', 'address_pipe', 'address_file', 'address_reply']);
  assert.ok(cfg.acls.has('acl_check_rcpt') && cfg.acls.has('acl_check_data'));
  assert.equal(cfg.mainOption('acl_smtp_rcpt'), 'acl_check_rcpt');
  assert.equal(cfg.retry.length, 1);
  assert.equal(cfg.namedList('domain', 'local_domains')?.value, '@');
});
