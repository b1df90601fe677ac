/**
 * The experimental spec's inbound SRS router: `condition = ${if inbound_srs{..}}` sets
 * $srs_recipient, which the redirect router's `data` then uses (exim4 -bt gives the same).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { fromLoadedConfig } from '../../src/cli/runtime-config.js';
import { createExpandContext, expandString } from '../../src/expand/index.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import { createRoutingContext } from '../../src/route/context.js';
import { routeAddress } from '../../src/route/engine.js';
import { AddressItem } from '../../src/route/types.js';

test('$srs_recipient set by the condition reaches the redirect data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-srs-route-'));
  writeFileSync(
    join(dir, 'c.conf'),
    ['primary_hostname = mw.example', 'begin routers', 'srs_in:', '  driver = redirect', '  condition = ${if inbound_srs {$local_part}{mysecret}}', '  data = $srs_recipient', 'local:', '  driver = accept', '  transport = t', 'begin transports', 't:', '  driver = appendfile', '  file = /dev/null', ''].join('\n'),
  );
  const config = loadConfig({ file: join(dir, 'c.conf') });
  const base = createExpandContext({ config: fromLoadedConfig(config).view, lookups: createLookupRegistry() });
  const ctx = createRoutingContext({ config, mode: 'test', base, log: new MemoryLogger(), sender: '' });
  // Encoded now (the timestamp must be recent); the encoder matches exim4's byte for byte (test/srs).
  const encoded = await expandString('${srs_encode {mysecret}{alice@orig.example}{mw.example}}', base);
  assert.match(encoded, /^SRS0=[0-9a-f]{4}=[a-z2-7]{2}=orig\.example=alice@mw\.example$/);
  const result = await routeAddress(new AddressItem(encoded), ctx);
  assert.equal(result.kind, 'redirected');
  if (result.kind === 'redirected') assert.deepEqual(result.children.map((c) => c.address), ['alice@orig.example']);
});

test('libsrs_alt style: redirect `srs = forward` rewrites the sender of the generated addresses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-srs-fwd-'));
  writeFileSync(
    join(dir, 'c.conf'),
    ['primary_hostname = mw.example', 'srs_secrets = mysecret', 'begin routers', 'fwd:', '  driver = redirect', '  local_parts = alice', '  srs = forward', '  srs_alias = fwd.example', '  data = bob@elsewhere.example', ''].join('\n'),
  );
  const config = loadConfig({ file: join(dir, 'c.conf') });
  const base = createExpandContext({ config: fromLoadedConfig(config).view, lookups: createLookupRegistry() });
  const ctx = createRoutingContext({ config, mode: 'deliver', base, log: new MemoryLogger(), sender: 'carol@orig.example' });
  const result = await routeAddress(new AddressItem('alice@mw.example'), ctx);
  assert.equal(result.kind, 'redirected');
  if (result.kind !== 'redirected') return;
  const child = result.children[0]!;
  assert.equal(child.address, 'bob@elsewhere.example');
  assert.match(child.prop.srsSender ?? '', /^SRS0[=+-][A-Za-z0-9+/]{4,}=[A-Z2-7]{2}=orig\.example=carol@fwd\.example$/);
  const { srsLogField } = await import('../../src/srs/log.js');
  assert.equal(srsLogField(child), ` SRS=<${child.prop.srsSender}>`);
});
