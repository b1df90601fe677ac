/**
 * Runs a committed exim4 -bh fixture (test/fixtures/smtp-server/*.json) through Mailwright's
 * fake-session mode and returns both sides normalised: clock, message ids and durations vary
 * between runs, everything else must be identical.
 */
import { mkdtempSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../../src/config/index.js';
import type { LoadedConfig } from '../../../../src/config/types.js';
import type { AclEngine } from '../../../../src/acl/types.js';
import { runStdioSession } from '../../../../src/smtp/server/fake-session.js';
import type { SessionOverrides } from '../../../../src/smtp/server/types.js';
import { createFakeAclEngine } from './fake-acl.js';
import { createAuthenticators } from '../../../../src/auth/index.js';

export interface BhFixture {
  name: string;
  conf: string;
  confText: string;
  ip: string;
  args: string[];
  input: string;
  stdout: string;
  log: string[];
  status: number;
}

export const FIXTURE_DIR = 'test/fixtures/smtp-server';

export function loadFixtures(): BhFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(FIXTURE_DIR, f), 'utf8')) as BhFixture);
}

export function normalise(text: string): string {
  return text
    .replace(/\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}/g, '<DATE>')
    .replace(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{11}-[0-9A-Za-z]{4}\b/g, '<MSGID>')
    .replace(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}\b/g, '<MSGID>')
    .replace(/ D=\d+s/g, ' D=<T>')
    .replace(/ RT=[\d.]+m?s/g, ' RT=<T>')
    .replace(/^LOG: \d{3} \[\d+\] /gm, 'LOG: <MS> [<PID>] ');
}

let tmp: string | undefined;

/** The ACL engine: the real one once src/acl provides createAclEngine, else the test fake. */
async function aclEngineFor(config: LoadedConfig): Promise<AclEngine> {
  const path = '../../../../src/acl/index.js';
  try {
    const mod = (await import(path)) as { createAclEngine?: (c: LoadedConfig) => AclEngine };
    if (mod.createAclEngine) return mod.createAclEngine(config);
  } catch {
    // not built yet
  }
  return createFakeAclEngine(config);
}

export async function runFixture(f: BhFixture): Promise<{ stdout: string; log: string[] }> {
  tmp ??= mkdtempSync(join(tmpdir(), 'mw-bh-'));
  const confPath = join(tmp, `${f.conf}.conf`);
  writeFileSync(confPath, f.confText);
  const macros: Record<string, string> = {};
  const overrides: Record<string, string> = {};
  const names: Record<string, keyof SessionOverrides> = { '-oMs': 'senderHostName', '-oMr': 'receivedProtocol', '-oMaa': 'authenticator', '-oMai': 'authenticatedId', '-oMt': 'ident' };
  for (let i = 0; i < f.args.length; i++) {
    const a = f.args[i]!;
    if (a.startsWith('-D')) {
      const [k, v] = a.slice(2).split('=');
      macros[k!] = v ?? '';
    } else if (names[a]) overrides[names[a]!] = f.args[++i]!;
  }
  const config = loadConfig({ file: confPath, macros });
  let stdout = '';
  let stderr = '';
  await runStdioSession({
    mode: 'bh',
    config,
    acl: await aclEngineFor(config),
    authenticators: createAuthenticators(config.authenticators, { primaryHostname: String(config.mainOption('primary_hostname') ?? ''), pid: process.pid }),
    host: f.ip,
    overrides,
    input: Buffer.from(f.input, 'latin1'),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { stdout, log: stderr.split('\n').filter((l) => l.startsWith('LOG: ')) };
}
