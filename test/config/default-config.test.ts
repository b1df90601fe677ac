// The built-in default configuration parses, matches what Exim 4.96 made of the same text
// (test/fixtures/config/default-config.json, from scripts/oracle/gen-config-default.mjs), and has
// the intended shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG_TEXT, loadConfig, BUILT_IN_SOURCE_NAME } from '../../src/config/index.js';

const fixture = JSON.parse(readFileSync('test/fixtures/config/default-config.json', 'utf8')) as {
  sha256: string;
  eximAccepts: boolean;
  routers: string[];
  transports: string[];
  authenticators: string[];
};

const cfg = loadConfig({ searchPath: [] });

test('the fixture was made from the current default text (re-run gen-config-default.mjs after edits)', () => {
  assert.equal(createHash('sha256').update(DEFAULT_CONFIG_TEXT).digest('hex'), fixture.sha256);
  assert.equal(fixture.eximAccepts, true);
});

test('no file found: the built-in default is used', () => {
  assert.equal(cfg.sourceName, BUILT_IN_SOURCE_NAME);
});

test('drivers as Exim lists them', () => {
  assert.deepEqual(cfg.routers.map((r) => r.name), fixture.routers);
  assert.deepEqual(cfg.transports.map((t) => t.name), fixture.transports);
  assert.deepEqual(cfg.authenticators.map((a) => a.name), fixture.authenticators);
  assert.deepEqual(cfg.routers.map((r) => r.driver), ['dnslookup', 'redirect', 'accept']);
  assert.equal(cfg.transports.find((t) => t.name === 'local_delivery')?.driver, 'appendfile');
});

test('main options', () => {
  assert.equal(cfg.mainOption('acl_smtp_rcpt'), 'acl_check_rcpt');
  assert.equal(cfg.mainOption('acl_smtp_data'), 'acl_check_data');
  assert.equal(cfg.mainOption('host_lookup'), '*');
  assert.equal(cfg.mainOption('ignore_bounce_errors_after'), 2 * 86400);
  assert.equal(cfg.mainOption('timeout_frozen_after'), 7 * 86400);
});

test('local domains, relay hosts', () => {
  assert.equal(cfg.namedList('domain', 'local_domains')?.value, '@ : localhost');
  assert.equal(cfg.namedList('domain', 'relay_to_domains')?.value, '');
  assert.equal(cfg.namedList('host', 'relay_from_hosts')?.value, 'localhost');
});

test('ACLs: rcpt ends with accept after verify = recipient; data checks line length', () => {
  const rcpt = cfg.acls.get('acl_check_rcpt');
  assert.ok(rcpt);
  const last = rcpt.statements[rcpt.statements.length - 1]!;
  assert.equal(last.verb, 'accept');
  assert.equal(last.items.length, 0);
  const data = cfg.acls.get('acl_check_data')!;
  assert.equal(data.statements[0]!.items[0]!.name, 'condition');
  assert.match(data.statements[0]!.items[1]!.value, /^maximum allowed line length is 998 octets, got \$max_received_linelength$/);
});

test('retry schedule and no rewriting', () => {
  assert.deepEqual(
    cfg.retry.map((r) => ({ pattern: r.pattern, error: r.error, params: r.params })),
    [
      {
        pattern: '*',
        error: '*',
        params: [
          { algorithm: 'F', cutoff: 7200, interval: 900 },
          { algorithm: 'G', cutoff: 16 * 3600, interval: 3600, factor: 1.5 },
          { algorithm: 'F', cutoff: 4 * 86400, interval: 6 * 3600 },
        ],
      },
    ],
  );
  assert.equal(cfg.rewrite.length, 0);
});
