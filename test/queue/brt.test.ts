/** -brt against exim4 4.96 output (test/fixtures/queue/brt.json, made by scripts/oracle/gen-retry.mjs). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseConfig, optionsApi } from '../../src/config/index.js';
import { fromLoadedConfig } from '../../src/cli/runtime-config.js';
import { createExpandContext } from '../../src/expand/index.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { retryTest } from '../../src/cli/retry-test.js';

interface BrtCase {
  config: string;
  args: string[];
  sender?: string;
  stdout: string;
  stderr: string;
  status: number;
}
const fixture = JSON.parse(readFileSync('test/fixtures/queue/brt.json', 'utf8')) as {
  head: string;
  configs: Record<string, string>;
  cases: BrtCase[];
};

function setup(name: string) {
  const loaded = parseConfig({ file: `/tmp/${name}.conf`, text: fixture.head + fixture.configs[name]! }, optionsApi);
  const rc = fromLoadedConfig(loaded);
  const ctx = createExpandContext({ config: rc.view, lookups: createLookupRegistry({ revalidateFiles: false }), vars: new Map() });
  return { loaded, ctx };
}

for (const name of Object.keys(fixture.configs)) {
  test(`-brt matches exim4 for the "${name}" retry configuration`, async () => {
    const { loaded, ctx } = setup(name);
    const cases = fixture.cases.filter((c) => c.config === name);
    assert.ok(cases.length > 0);
    for (const c of cases) {
      const sender = c.sender === '<>' ? '' : c.sender;
      const r = await retryTest(c.args, sender, loaded, ctx);
      const label = `${JSON.stringify(c.args)} -f ${JSON.stringify(c.sender)}`;
      assert.equal(r.out, c.stdout, label);
      assert.equal(r.err.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /gm, 'TIMESTAMP '), c.stderr, label);
      assert.equal(r.status, c.status, label);
    }
  });
}
