import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crypt } from '../../../src/util/crypt/index.js';

interface CryptCase {
  key: string;
  setting: string;
  hash: string | null;
  oracle: string;
}

const cases = JSON.parse(readFileSync('test/fixtures/expand-conditions/crypt.json', 'utf8')) as CryptCase[];

test('crypt fixture is not empty and covers every method', () => {
  assert.ok(cases.length > 500);
  for (const prefix of ['$1$', '$5$', '$6$', '_']) {
    assert.ok(cases.some((c) => c.setting.startsWith(prefix) && c.hash !== null), prefix);
  }
});

// One test per setting keeps failures readable without hundreds of tiny tests.
const bySetting = new Map<string, CryptCase[]>();
for (const c of cases) bySetting.set(`${c.oracle} ${c.setting}`, [...(bySetting.get(`${c.oracle} ${c.setting}`) ?? []), c]);

for (const [label, group] of bySetting) {
  test(`crypt matches ${label}`, () => {
    for (const c of group) {
      assert.equal(crypt(c.key, c.setting), c.hash, `key ${JSON.stringify(c.key)}`);
    }
  });
}
