// Debian's exim4.conf.template, read with the -D macro sets of
// test/fixtures/config/debian-template.json: the same routers, transports and authenticators
// (in order) and main option values as Exim 4.96 reported (scripts/oracle/gen-config-template.mjs).
// The template comes from Debian's exim4-config package, fetched by scripts/deps/exim4-config.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/index.js';

interface Variant {
  name: string;
  defines: Record<string, string>;
  routers: string[];
  transports: string[];
  authenticators: string[];
  main: Record<string, string>;
}

const CACHED = '.cache/deps/exim4-config/etc/exim4/exim4.conf.template';
const INSTALLED = '/etc/exim4/exim4.conf.template';

function templatePath(): string | undefined {
  if (!existsSync(CACHED)) spawnSync('sh', ['scripts/deps/exim4-config.sh'], { stdio: 'ignore' });
  if (existsSync(CACHED)) return CACHED;
  return existsSync(INSTALLED) ? INSTALLED : undefined;
}

const variants = JSON.parse(readFileSync('test/fixtures/config/debian-template.json', 'utf8')) as Variant[];
const template = templatePath();

for (const v of variants) {
  test(`Debian template: ${v.name}`, { skip: template === undefined && 'exim4-config could not be fetched' }, () => {
    const cfg = loadConfig({ file: template!, macros: v.defines });
    assert.deepEqual(
      cfg.routers.map((r) => r.name),
      v.routers,
    );
    assert.deepEqual(
      cfg.transports.map((t) => t.name),
      v.transports,
    );
    assert.deepEqual(
      cfg.authenticators.map((a) => a.name),
      v.authenticators,
    );
    for (const [name, shown] of Object.entries(v.main)) {
      assert.equal(`${name} = ${String(cfg.mainOption(name) ?? '')}`, shown, name);
    }
    assert.ok(cfg.acls.has('acl_check_rcpt') && cfg.acls.has('acl_check_data'));
    assert.equal(cfg.retry.length, 1);
  });
}
