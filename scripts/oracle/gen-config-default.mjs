#!/usr/bin/env node
// Checks Mailwright's built-in default configuration with real Exim: it must pass `-bV`, and the
// routers, transports, ACL options it defines are recorded with a hash of the text, so the test
// notices when the text changes without this being re-run. Writes test/fixtures/config/default-config.json.
//
// Usage (as root, with exim4 installed): node --import tsx scripts/oracle/gen-config-default.mjs
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG_TEXT } from '../../src/config/default-config.ts';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT = 'test/fixtures/config/default-config.json';
const dir = mkdtempSync(join(tmpdir(), 'mw-default-conf-'));
try {
  const file = join(dir, 'default.conf');
  writeFileSync(file, DEFAULT_CONFIG_TEXT);
  const exim = (...args) => {
    const res = spawnSync(EXIM, ['-C', file, ...args], { encoding: 'latin1' });
    if (res.status !== 0) throw new Error(`exim4 ${args.join(' ')}: ${res.stderr}`);
    return res.stdout;
  };
  exim('-bV');
  const list = (what) => exim('-bP', what).split('\n').filter((l) => l !== '');
  const fixture = {
    sha256: createHash('sha256').update(DEFAULT_CONFIG_TEXT).digest('hex'),
    eximAccepts: true,
    routers: list('router_list'),
    transports: list('transport_list'),
    authenticators: list('authenticator_list'),
    main: Object.fromEntries(
      ['acl_smtp_rcpt', 'acl_smtp_data', 'never_users', 'host_lookup', 'ignore_bounce_errors_after', 'timeout_frozen_after'].map(
        (o) => [o, exim('-bP', o).replace(/\n$/, '')],
      ),
    ),
  };
  writeFileSync(OUT, `${JSON.stringify(fixture, null, 1)}\n`);
  console.log(`wrote ${OUT}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
