/** The routing engine's API: results, generic options, variables and what they leave on addresses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRouters, routeAddress, retryUseLocalPart } from '../../src/route/engine.js';
import { AddressItem } from '../../src/route/types.js';
import { ConfigError } from '../../src/util/errors.js';
import { loadConfig, routingContext } from './helpers.js';

test('accept: routed with transport, router, log_as_local and the affixes removed', async () => {
  const config = loadConfig(`r1:
  driver = accept
  local_part_prefix = owner-
  local_part_suffix = -*
  local_part_suffix_optional
  transport = t1`);
  const { ctx } = routingContext(config);
  const addr = new AddressItem('owner-List-Request@Test.EX');
  const r = await routeAddress(addr, ctx);
  assert.equal(r.kind, 'routed');
  assert.equal(addr.transport, 't1');
  assert.equal(addr.router, 'r1');
  assert.equal(addr.logAsLocal, true);
  assert.equal(addr.prefix, 'owner-');
  assert.equal(addr.suffix, '-Request');
  assert.equal(addr.suffixWild, 'Request');
  assert.equal(addr.localPart, 'list');
  assert.equal(addr.domain, 'test.ex');
  assert.equal(addr.address, 'owner-List-Request@Test.EX');
});

test('unseen: the routed address is a child copy and a clone continues at the next router', async () => {
  const config = loadConfig(`r1:
  driver = accept
  unseen
  headers_add = X-Copy: yes
  address_data = D1
  transport = t1
r2:
  driver = accept
  transport = t2`);
  const { ctx } = routingContext(config);
  const addr = new AddressItem('u@test.ex');
  const r = await routeAddress(addr, ctx);
  assert.equal(r.kind, 'routed');
  if (r.kind !== 'routed') return;
  assert.equal(r.addr.parent, addr);
  assert.equal(r.addr.transport, 't1');
  assert.deepEqual(r.addr.prop.extraHeaders, ['X-Copy: yes']);
  const clone = r.unseenCopy!;
  assert.equal(clone.parent, addr);
  assert.equal(clone.startRouter, 'r2');
  assert.deepEqual(clone.prop.extraHeaders, []);
  assert.equal(clone.prop.addressData?.s, 'D1');
  const r2 = await routeAddress(clone, ctx);
  assert.equal(r2.kind, 'routed');
  assert.equal(clone.transport, 't2');
});

test('redirect: children in list order, inheriting headers, errors_to and redirect_router', async () => {
  const config = loadConfig(`r0:
  driver = redirect
  local_parts = list
  data = a, b@other.ex, |/bin/cat
  errors_to = owner@test.ex
  headers_add = X-List: yes
  redirect_router = r2
  pipe_transport = tp
r1:
  driver = accept
  transport = t1
r2:
  driver = accept
  transport = t2`);
  const { ctx } = routingContext(config);
  const addr = new AddressItem('list@test.ex');
  const r = await routeAddress(addr, ctx);
  assert.equal(r.kind, 'redirected');
  if (r.kind !== 'redirected') return;
  assert.deepEqual(r.children.map((c) => c.address), ['a@test.ex', 'b@other.ex', '|/bin/cat']);
  for (const c of r.children) {
    assert.equal(c.parent, addr);
    assert.equal(c.prop.errorsAddress, 'owner@test.ex');
    assert.deepEqual(c.prop.extraHeaders, ['X-List: yes']);
  }
  assert.equal(r.children[0]!.startRouter, 'r2');
  const pipe = r.children[2]!;
  assert.equal(pipe.special, 'pipe');
  assert.equal(pipe.transport, 'tp');
  const routed = await routeAddress(r.children[0]!, ctx);
  assert.equal(routed.kind, 'routed');
  assert.equal(r.children[0]!.transport, 't2');
});

test('pass_router and no_more', async () => {
  const config = loadConfig(`r0:
  driver = accept
  local_parts = nm
  condition = false
  transport = t1
r1:
  driver = redirect
  local_parts = nm : d
  data = :unknown:
  no_more
  cannot_route_message = no luck for $local_part
r2:
  driver = accept
  transport = t2`);
  const { ctx } = routingContext(config);
  const r = await routeAddress(new AddressItem('nm@test.ex'), ctx);
  assert.deepEqual(r, { kind: 'failed', message: 'no luck for nm' });
  const ok = await routeAddress(new AddressItem('x@test.ex'), ctx);
  assert.equal(ok.kind, 'routed');
});

test('set and address_data are visible to later options and routers; domain_data from the domains match', async () => {
  const config = loadConfig(`r0:
  driver = redirect
  domains = test.ex : other.ex
  set = r_tag = T-$local_part
  address_data = AD-$domain_data
  data = :unknown:
r1:
  driver = accept
  transport = \${if eq{$r_tag:$address_data}{T-x:AD-test.ex}{t2}{t1}}`);
  const { ctx } = routingContext(config);
  const addr = new AddressItem('x@test.ex');
  assert.equal((await routeAddress(addr, ctx)).kind, 'routed');
  assert.equal(addr.transport, 't2');
  assert.equal(addr.prop.addressData?.s, 'AD-test.ex');
});

test('a tainted transport name defers with internal configuration error and a panic log line', async () => {
  const config = loadConfig(`r1:
  driver = accept
  transport = $local_part`);
  const { ctx, log } = routingContext(config);
  const r = await routeAddress(new AddressItem('t1@test.ex'), ctx);
  assert.deepEqual(r, { kind: 'deferred', message: 'internal configuration error' });
  assert.deepEqual(log.lines('panic'), ["attempt to use tainted value 't1' from '$local_part' for transport"]);
});

test('verify modes: no_verify skipped, verify_only used, fail_verify fails', async () => {
  const config = loadConfig(`rnv:
  driver = accept
  no_verify
  transport = t1
rfv:
  driver = accept
  local_parts = fv
  fail_verify_recipient
  transport = t1
rvo:
  driver = accept
  verify_only`);
  const verify = routingContext(config, 'verify_recipient').ctx;
  const a = new AddressItem('x@test.ex');
  assert.equal((await routeAddress(a, verify)).kind, 'routed');
  assert.equal(a.router, 'rvo');
  assert.equal(a.transport, undefined);
  assert.deepEqual(await routeAddress(new AddressItem('fv@test.ex'), verify), { kind: 'failed', message: 'rfv router forced verify failure' });
  const b = new AddressItem('fv@test.ex');
  await routeAddress(b, routingContext(config).ctx);
  assert.equal(b.router, 'rnv');
});

test('check_local_user sets the local user, home, uid and gid', async () => {
  const config = loadConfig(`r1:
  driver = accept
  check_local_user
  transport = t1`);
  const { ctx } = routingContext(config);
  const addr = new AddressItem('Root@test.ex');
  assert.equal((await routeAddress(addr, ctx)).kind, 'routed');
  assert.equal(addr.localUser?.name, 'root');
  assert.equal(addr.uid, 0);
  assert.equal(addr.homeDir, addr.localUser?.home);
  assert.equal(addr.prop.localPartData?.s, 'root');
  assert.equal((await routeAddress(new AddressItem('no-such-user-xyz@test.ex'), ctx)).kind, 'failed');
});

test('routing loops: a router is skipped for an address it already handled higher up', async () => {
  const config = loadConfig(`r0:
  driver = redirect
  data = $local_part@test.ex, other@test.ex
r1:
  driver = accept
  transport = t1`);
  const { ctx } = routingContext(config);
  const top = new AddressItem('me@test.ex');
  const r = await routeAddress(top, ctx);
  assert.equal(r.kind, 'redirected');
  if (r.kind !== 'redirected') return;
  const again = r.children[0]!;
  assert.equal(again.address, 'me@test.ex');
  assert.equal((await routeAddress(again, ctx)).kind, 'routed');
  assert.equal(again.router, 'r1');
});

test('buildRouters: unknown driver and a missing transport are configuration errors', () => {
  assert.throws(() => buildRouters(loadConfig('r1:\n  driver = accept')), (e: unknown) => e instanceof ConfigError && /a transport is required for this router/.test(e.message));
});

test('retry_use_local_part defaults to true when preconditions look at the local part', () => {
  const routers = buildRouters(loadConfig(`r1:
  driver = accept
  transport = t1
r2:
  driver = accept
  local_parts = x
  transport = t1
r3:
  driver = accept
  local_parts = x
  no_retry_use_local_part
  transport = t1`));
  assert.deepEqual(routers.map(retryUseLocalPart), [false, true, false]);
});

test('errors_to is used only when the address verifies (deliver mode)', async () => {
  const config = loadConfig(`r1:
  driver = accept
  domains = test.ex
  local_parts = ! bad
  errors_to = \${if eq{$local_part}{x}{bad@test.ex}{owner@test.ex}}
  transport = t1`);
  const { ctx } = routingContext(config);
  const good = new AddressItem('y@test.ex');
  await routeAddress(good, ctx);
  assert.equal(good.prop.errorsAddress, 'owner@test.ex');
  const unverifiable = new AddressItem('x@test.ex');
  await routeAddress(unverifiable, ctx);
  assert.equal(unverifiable.prop.errorsAddress, undefined);
});

test('pipe children of a check_local_user redirect run as that user, with its home', async () => {
  const config = loadConfig(`r0:
  driver = redirect
  check_local_user
  router_home_directory = /nonexistent-home
  data = |/bin/cat, /tmp/saved
  pipe_transport = tp
  file_transport = t1
  transport_current_directory = /tmp`);
  const { ctx } = routingContext(config);
  const r = await routeAddress(new AddressItem('root@test.ex'), ctx);
  assert.equal(r.kind, 'redirected');
  if (r.kind !== 'redirected') return;
  for (const child of r.children) {
    assert.equal(child.uid, 0);
    assert.equal(child.gid, 0);
    assert.equal(child.homeDir, child.localUser?.home);
    assert.equal(child.currentDir, '/tmp');
  }
  assert.deepEqual(r.children.map((c) => [c.special, c.transport]), [['pipe', 'tp'], ['file', 't1']]);
});
