/**
 * Where each condition, modifier and control may be used: the engine's refusals must be
 * exim4's, word for word (fixture from scripts/oracle/gen-acl-allowed.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { aclCondition } from '../../src/acl/index.js';
import type { AclWhere } from '../../src/acl/types.js';
import { configWith, rcptVars, runContext } from './helpers.js';
import { createAclEngine } from '../../src/acl/index.js';

interface Fixture {
  hooks: string[];
  items: Record<string, Record<string, string | null>>;
}

const fixture = JSON.parse(readFileSync('test/fixtures/acl/allowed.json', 'utf8')) as Fixture;
const EXACT = /^(cannot |syntax error|unrecognised DSCP|bad option|unexpected '\/'|unknown option|expected ")/;

function itemName(item: string): string {
  return /^(\w+)/.exec(item)![1]!;
}

test('refusals by hook match exim4 -bh for every probed item', async () => {
  let compared = 0;
  const wrong: string[] = [];
  for (const [item, byHook] of Object.entries(fixture.items)) {
    if (!aclCondition(itemName(item)) && !['message', 'log_message'].includes(itemName(item))) continue;
    const config = configWith(`chk:\n  warn ${item}\n  accept`);
    const engine = createAclEngine(config);
    for (const [hook, expected] of Object.entries(byHook)) {
      const where = hook as AclWhere;
      const ctx = runContext(config, {
        where,
        vars: where === 'expansion' ? {} : rcptVars(),
        recipient: 'u@a.example',
        services: { udpSend: async () => undefined, dns: { lookupA: async () => [], lookupTxt: async () => [] } },
        hostChecking: true,
      });
      const out = await engine.run('chk', ctx);
      const label = `${item} in ${hook}`;
      const refusedByUs = out.result === 'error' && (out.logMessage ?? '').startsWith('cannot ');
      if (where === 'expansion') {
        const refused = expected !== null && expected.startsWith('Failed: ERROR');
        if (refused && out.result !== 'error') wrong.push(`${label}: not refused`);
        if (!refused && refusedByUs) wrong.push(`${label}: refused (${out.logMessage})`);
      } else if (expected !== null && EXACT.test(expected)) {
        if (out.logMessage !== expected || out.result !== 'error') wrong.push(`${label}: ${out.result} ${out.logMessage} != ${expected}`);
      } else if (refusedByUs) {
        wrong.push(`${label}: refused (${out.logMessage})`);
      }
      compared++;
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(compared > 500, `compared ${compared}`);
});
