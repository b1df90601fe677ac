/** Shared set-up for the expansion-core tests: a minimal config view, real lookups, fixtures. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createExpandContext } from '../../src/expand/index.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import type { ExpandConfigView, ExpandContext, HeaderSource, TStr } from '../../src/expand/types.js';
import { tainted } from '../../src/expand/types.js';
import { LookupDefer, type LookupRegistry } from '../../src/lookups/types.js';

export const DATA = resolve('test/fixtures/expand/data');

export interface OracleCase {
  readonly text: string;
  readonly out?: string;
  readonly error?: string;
}

export interface OracleFixture {
  readonly config: string;
  readonly message: boolean;
  readonly cases: OracleCase[];
}

export function loadFixture(group: string): OracleFixture {
  return JSON.parse(readFileSync(`test/fixtures/expand/${group}.json`, 'utf8')) as OracleFixture;
}

/** Main options from the `name = value` lines of a fixture's configuration text. */
export function configView(text: string, extra: Record<string, string> = {}): ExpandConfigView {
  const opts = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_0-9]+)\s*=\s*(.*)$/.exec(line);
    if (m) opts.set(m[1]!, m[2]!);
  }
  for (const [k, v] of Object.entries(extra)) opts.set(k, v);
  return { mainOption: (name) => opts.get(name), namedList: () => undefined };
}

/** Headers of an RFC 5322 message file, and its body. */
export function readMessage(file: string): { headers: HeaderSource; body: string } {
  const text = readFileSync(file, 'utf8');
  const split = text.indexOf('\n\n');
  const head = text.slice(0, split);
  const list: Array<{ name: string; raw: string }> = [];
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && list.length > 0) list[list.length - 1]!.raw += '\n' + line;
    else {
      const colon = line.indexOf(':');
      list.push({ name: line.slice(0, colon), raw: line.slice(colon + 1) });
    }
  }
  return { headers: { list: () => list }, body: text.slice(split + 2) };
}

export function oracleContext(fixture: OracleFixture): ExpandContext {
  const vars = new Map<string, TStr>();
  let headers: HeaderSource | undefined;
  if (fixture.message) {
    const msg = readMessage(`${DATA}/message.txt`);
    headers = msg.headers;
    // What reception sets: the body with newlines turned into spaces.
    vars.set('message_body', tainted(msg.body.replace(/\n/g, ' ')));
    vars.set('message_body_end', tainted(msg.body.replace(/\n/g, ' ')));
  }
  return createExpandContext({ config: configView(fixture.config), lookups: testLookups(), testMode: true, admin: true, vars, headers });
}

/**
 * The real registry, plus stand-ins behind the driver contract for query-style types that other
 * modules provide (used only when the real driver is not registered yet).
 */
export function testLookups(): LookupRegistry {
  const reg = createLookupRegistry();
  if (!reg.get('dnsdb')) reg.register({ name: 'dnsdb', style: 'query', find: async () => null });
  if (!reg.get('mysql')) {
    reg.register({
      name: 'mysql',
      style: 'query',
      find: async () => {
        throw new LookupDefer('no MySQL servers defined (mysql_servers option)');
      },
      quote: (v) => v.replace(/[\\'"]/g, (c) => '\\' + c),
    });
  }
  return reg;
}

export const withData = (s: string): string => s.split('@DATA@').join(DATA);
