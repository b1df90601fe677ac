/** dnslists against a fake resolver: reversed keys, address filters, variables, missing resolver. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDnsListItem, reverseKey } from '../../src/acl/conditions/dnslists.js';
import { rcptVars, runAcl } from './helpers.js';

const zone: Record<string, string[]> = { '3.2.1.10.bl.example': ['127.0.0.2'], 'special.bl.example': ['127.0.0.4'] };
const dns = { lookupA: async (n: string) => zone[n] ?? [], lookupTxt: async (n: string) => (zone[n] ? ['listed'] : []) };

test('keys and item syntax', () => {
  assert.equal(reverseKey('10.1.2.3'), '3.2.1.10');
  assert.equal(reverseKey('2001:db8::1'), '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2');
  assert.deepEqual(parseDnsListItem('bl.example=127.0.0.2,127.0.0.3/key'), { domain: 'bl.example', op: '=', ips: ['127.0.0.2', '127.0.0.3'], key: 'key' });
});

test('listed client: true, variables set; filters select addresses', async () => {
  const services = { dns };
  const hit = await runAcl('chk:\n  deny dnslists = none.example : bl.example\n       message = $dnslist_domain $dnslist_value $dnslist_text $dnslist_matched', 'chk', { vars: rcptVars(), services });
  assert.equal(hit.out.result, 'fail');
  assert.equal(hit.out.userMessage, 'bl.example 127.0.0.2 listed 10.1.2.3');
  const filtered = await runAcl('chk:\n  deny dnslists = bl.example=127.0.0.3\n  accept', 'chk', { vars: rcptVars(), services });
  assert.equal(filtered.out.result, 'ok');
  const negated = await runAcl('chk:\n  deny dnslists = bl.example!=127.0.0.3\n  accept', 'chk', { vars: rcptVars(), services });
  assert.equal(negated.out.result, 'fail');
  const keyed = await runAcl('chk:\n  deny dnslists = bl.example/special\n  accept', 'chk', { vars: rcptVars(), services });
  assert.equal(keyed.out.result, 'fail');
});

test('without a resolver the condition defers', async () => {
  const r = await runAcl('chk:\n  deny dnslists = bl.example\n  accept', 'chk', { vars: rcptVars() });
  assert.equal(r.out.result, 'defer');
  assert.match(r.out.logMessage!, /DNS resolver/);
});
