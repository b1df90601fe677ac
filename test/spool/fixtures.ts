// Loads the exim4-written spool fixtures (scripts/oracle/gen-spool.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'spool');

export interface FixtureMessage {
  readonly caseName: string;
  readonly id: string;
  readonly h: Buffer;
  readonly d: Buffer;
  readonly msglog?: Buffer;
}

export function fixtureCases(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function fixtureMessages(caseName?: string): FixtureMessage[] {
  const out: FixtureMessage[] = [];
  for (const c of caseName ? [caseName] : fixtureCases()) {
    const dir = join(FIXTURES, c);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('-H')).sort()) {
      const id = f.slice(0, -2);
      let msglog: Buffer | undefined;
      try {
        msglog = readFileSync(join(dir, 'msglog', id));
      } catch {
        msglog = undefined;
      }
      out.push({ caseName: c, id, h: readFileSync(join(dir, f)), d: readFileSync(join(dir, `${id}-D`)), ...(msglog ? { msglog } : {}) });
    }
  }
  return out;
}

export function fixtureMessage(caseName: string, index = 0): FixtureMessage {
  const m = fixtureMessages(caseName)[index];
  if (!m) throw new Error(`no fixture message ${caseName}/${index}`);
  return m;
}
