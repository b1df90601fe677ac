/**
 * The ACL verify hook. Messages are those exim4 -bh gave for the same routers (see the
 * session in the report of the routing work): "Unrouteable address", the :fail: / :defer:
 * texts, "<router> router forced verify failure", and the sender-verify log line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AclRunContext } from '../../src/acl/types.js';
import { untainted } from '../../src/expand/types.js';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import { createVerifyHook, verifyForAcl } from '../../src/route/verify.js';
import { baseContext, loadConfig } from './helpers.js';

const config = loadConfig(`r0:
  driver = redirect
  domains = test.ex
  local_parts = failer : defer1 : two : one
  data = \${if eq{$local_part}{failer}{:fail: gone away}{\${if eq{$local_part}{defer1}{:defer: later}{\${if eq{$local_part}{two}{a, b}{nob}}}}}}
  allow_fail
  allow_defer
rnv:
  driver = accept
  local_parts = nv
  no_verify
  transport = t1
r1:
  driver = accept
  domains = test.ex
  local_parts = ! nob
  address_data = AD-$local_part
  transport = t1
rfv:
  driver = accept
  domains = fv.ex
  fail_verify
  transport = t1`);

function aclContext(): { actx: AclRunContext; log: MemoryLogger } {
  const log = new MemoryLogger();
  const expand = baseContext(config, 'ok@test.ex');
  expand.vars.set('sender_host_address', untainted('1.2.3.4'));
  expand.vars.set('sender_helo_name', untainted('x'));
  const actx: AclRunContext = { where: 'rcpt', expand, controls: { set: new Map(), headersToAdd: [], headersToRemove: [], delayed: 0 }, log };
  return { actx, log };
}

test('recipient verification: ok sets $address_data; failures carry Exim messages', async () => {
  const { actx } = aclContext();
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'ok@test.ex', '', actx), { result: 'ok' });
  assert.equal(actx.expand.vars.get('address_data')?.s, 'AD-ok');
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'nob@test.ex', '', actx), { result: 'fail', message: 'Unrouteable address' });
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'failer@test.ex', '', actx), { result: 'fail', message: 'gone away' });
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'defer1@test.ex', '', actx), { result: 'defer', message: 'later' });
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'defer1@test.ex', 'defer_ok', actx), { result: 'ok' });
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'x@fv.ex', '', actx), { result: 'fail', message: 'rfv router forced verify failure' });
});

test('redirections: several children verify at once, a single child must verify itself', async () => {
  const { actx } = aclContext();
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'two@test.ex', '', actx), { result: 'ok' });
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'one@test.ex', '', actx), { result: 'fail', message: 'Unrouteable address' });
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'one@test.ex', 'success_on_redirect', actx), { result: 'ok' });
});

test('no_verify routers are skipped when verifying', async () => {
  const { actx } = aclContext();
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'nv@test.ex', '', actx), { result: 'ok' });
  // r1 (not rnv, which sets no address_data) verified it.
  assert.equal(actx.expand.vars.get('address_data')?.s, 'AD-nv');
});

test('sender verification logs the failure and keeps $sender_address_data on success', async () => {
  const { actx, log } = aclContext();
  const hook = createVerifyHook(config);
  assert.deepEqual(await hook('sender', 'nob@test.ex', '', actx), { result: 'fail', message: 'Unrouteable address' });
  assert.deepEqual(log.lines('main'), ['H=(x) [1.2.3.4] sender verify fail for <nob@test.ex>: Unrouteable address']);
  assert.deepEqual(await hook('sender', 'ok@test.ex', '', actx), { result: 'ok' });
  assert.equal(actx.expand.vars.get('sender_address_data')?.s, 'AD-ok');
});

test('callouts are not supported yet and defer', async () => {
  const { actx } = aclContext();
  assert.deepEqual(await verifyForAcl(config, 'recipient', 'ok@test.ex', 'callout=30s', actx), { result: 'defer', message: 'callout not supported yet' });
});
