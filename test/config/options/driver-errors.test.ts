// Errors for options inside driver instances, against exim4: the text carries no instance name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../../src/util/errors.js';
import type { DriverKind } from '../../../src/config/types.js';
import { driverNames, driverOptions, genericOptions, instanceTable, resolveOptionSetting } from '../../../src/config/options/index.js';
import { useFakeIds } from './helpers.js';

interface Case {
  where: 'R' | 'T' | 'A';
  line: string;
  error: string;
}
const fx = JSON.parse(readFileSync('test/fixtures/config-options/driver-errors.json', 'latin1')) as { cases: Case[] };
const INSTANCE: Record<Case['where'], [DriverKind, string, string]> = {
  R: ['router', 'accept', 'r1 router'],
  T: ['transport', 'smtp', 't1 transport'],
  A: ['authenticator', 'plaintext', 'a1 authenticator'],
};
useFakeIds();

for (const c of fx.cases) {
  test(`${c.where}: ${c.line.trim()}`, () => {
    const [kind, driver, what] = INSTANCE[c.where];
    const body = c.line.trim();
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq).trim();
    const raw = eq < 0 ? undefined : body.slice(eq + 1).trim();
    assert.throws(
      () => resolveOptionSetting(instanceTable(kind, driver), name, raw, { file: 'e.conf', line: 7 }, what),
      (e: unknown) => e instanceof ConfigError && e.message === c.error && e.line === 7,
    );
  });
}

test('driver tables: known drivers, unknown driver is undefined, generic options separate', () => {
  assert.deepEqual(driverNames('router'), ['accept', 'dnslookup', 'ipliteral', 'iplookup', 'manualroute', 'queryprogram', 'redirect']);
  assert.deepEqual(driverNames('transport'), ['appendfile', 'autoreply', 'lmtp', 'pipe', 'queuefile', 'smtp']);
  assert.deepEqual(driverNames('authenticator'), [
    'cram_md5', 'cyrus_sasl', 'dovecot', 'external', 'gsasl', 'heimdal_gssapi', 'plaintext', 'spa', 'tls',
  ]);
  assert.equal(driverOptions('router', 'nosuch'), undefined);
  assert.equal(driverOptions('router', 'toString'), undefined);
  assert.equal(genericOptions('router').get('route_list'), undefined);
  assert.equal(driverOptions('router', 'manualroute')?.get('route_list')?.type, 'string');
  assert.equal(genericOptions('transport').get('headers_rewrite')?.type, 'rewrite');
  assert.equal(driverOptions('transport', 'appendfile')?.get('mode')?.default, 0o600);
});

test('driver values parse by type', () => {
  const t = instanceTable('transport', 'smtp');
  const loc = { file: 'x', line: 1 };
  assert.equal(resolveOptionSetting(t, 'connect_timeout', '30s', loc, 't').value, 30);
  assert.equal(resolveOptionSetting(t, 'no_keepalive', undefined, loc, 't').value, false);
  assert.equal(resolveOptionSetting(t, 'user', 'nobody', loc, 't').value, 65534);
  assert.equal(resolveOptionSetting(t, 'user', '${lookup{x}lsearch{/f}}', loc, 't').value, '${lookup{x}lsearch{/f}}');
  const a = instanceTable('transport', 'appendfile');
  assert.equal(resolveOptionSetting(a, 'mode', '0644', loc, 't').value, 0o644);
  assert.equal(resolveOptionSetting(instanceTable('transport', 'pipe'), 'max_output', '1M', loc, 't').value, 1048576);
});
