// Option value parsing against exim4-generated fixtures: each case is a main option set to a value,
// with either the -bP line Exim printed or the configuration error text it reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../../src/util/errors.js';
import { formatOption } from '../../../src/config/options/print.js';
import { mainOptions, resolveOptionSetting } from '../../../src/config/options/index.js';
import { useFakeIds } from './helpers.js';

interface ValueCase {
  name: string;
  value: string;
  stdout?: string;
  error?: string;
}
interface LineCase {
  line: string;
  stdout?: string;
  error?: string;
}
const fixture = JSON.parse(readFileSync('test/fixtures/config-options/values.json', 'latin1')) as {
  values: ValueCase[];
  lines: LineCase[];
};
const loc = { file: 'test.conf', line: 3 };
useFakeIds();

/** Resolves then prints as -bP would for the name as written. */
function roundTrip(name: string, raw: string | undefined): string {
  const { def, value } = resolveOptionSetting(mainOptions, name, raw, loc, 'main');
  const shown = mainOptions.get(name) ? name : def.name;
  return formatOption(def, value, false, true, shown) + '\n';
}

function check(label: string, name: string, raw: string | undefined, expected: { stdout?: string; error?: string }): void {
  test(label, () => {
    if (expected.error !== undefined) {
      assert.throws(
        () => roundTrip(name, raw),
        (e: unknown) => e instanceof ConfigError && e.message === expected.error && e.line === 3 && e.file === 'test.conf',
      );
    } else {
      assert.equal(roundTrip(name, raw), expected.stdout);
    }
  });
}

for (const c of fixture.values) check(`${c.name} = ${c.value}`, c.name, c.value.trim(), c);

for (const c of fixture.lines) {
  const eq = c.line.indexOf('=');
  const name = eq < 0 ? c.line.trim() : c.line.slice(0, eq).trim();
  const raw = eq < 0 ? undefined : c.line.slice(eq + 1).trim();
  // These lines are checked through accept_8bitmime's -bP output when they parse.
  if (c.error !== undefined) check(`line: ${c.line}`, name, raw, c);
  else if (name.endsWith('accept_8bitmime')) check(`line: ${c.line}`, name, raw, c);
}
