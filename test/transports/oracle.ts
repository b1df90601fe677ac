/** The exim4 fixture of scripts/oracle/gen-transports.mjs and helpers to replay its scenarios. */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { normalise } from './helpers.js';

export interface Scenario {
  readonly transports: Record<string, string[]>;
  readonly exitCode: number;
  readonly files: Record<string, string>;
  readonly collected: Record<string, string>;
  readonly log: string[];
}

export interface Fixture {
  readonly message: string;
  readonly sender: string;
  readonly scenarios: Record<string, Scenario>;
}

export const FIXTURE: Fixture = JSON.parse(readFileSync(new URL('../fixtures/transports/exim.json', import.meta.url), 'utf8'));
export const ORACLE_OUT = '/tmp/mailwright-gen-transports/out';

/** The spool headers exim4 had for a recipient (from a maildir delivery, which adds nothing). */
export function oracleHeaders(localPart: string): string[] {
  const file = Object.entries(FIXTURE.scenarios['maildir_basic']!.files).find(([n]) => n.startsWith('Maildir/new/'))![1];
  const head = file.slice(0, file.indexOf('\n\n') + 1).replaceAll('md@example.com', `${localPart}@example.com`);
  const out: string[] = [];
  for (const line of head.split('\n')) {
    if (line === '') continue;
    if (/^[ \t]/.test(line)) out[out.length - 1] += `\n${line}`;
    else out.push(line);
  }
  return out;
}

/** transport_filter = tr a-z A-Z upper-cased the dates before the fixture was normalised. */
export function upperDates(files: Record<string, string>): Record<string, string> {
  const day = /\b(MON|TUE|WED|THU|FRI|SAT|SUN), \d\d? [A-Z]{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g;
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.replace(day, '<DATE>')]));
}

export const ORACLE_BODY = FIXTURE.message.slice(FIXTURE.message.indexOf('\n\n') + 2);

/** Transport section text for a scenario with OUT replaced. */
export function transportSection(sc: Scenario, out: string): string {
  return Object.entries(sc.transports)
    .map(([name, lines]) => `${name}:\n${lines.map((l) => `  ${l.replaceAll('OUT', out)}`).join('\n')}`)
    .join('\n');
}

/** Files under dir, names and contents normalised like the fixture. */
export function listFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[normalise(relative(dir, p))] = normalise(readFileSync(p, 'latin1'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** The outcome exim4 logged for `rcpt`: '=>' for delivered, else the status and text. */
export function oracleOutcome(sc: Scenario, rcpt: string): { status: 'ok' | 'defer' | 'fail'; errno?: number; message?: string } {
  for (const line of sc.log) {
    if (line.includes(`=> ${rcpt.split('@')[0]} <${rcpt}>`) || line.includes(`-> ${rcpt.split('@')[0]} <${rcpt}>`)) return { status: 'ok' };
    const d = new RegExp(`== ${rcpt} R=\\S+ T=\\S+ defer \\((-?\\d+)\\): (.*)$`).exec(line);
    if (d) return { status: 'defer', errno: Number(d[1]), message: d[2] };
    const f = new RegExp(`\\*\\* ${rcpt} R=\\S+ T=\\S+: (.*)$`).exec(line);
    if (f) return { status: 'fail', message: f[1] };
  }
  throw new Error(`no outcome for ${rcpt}`);
}
