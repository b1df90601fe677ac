/** Test helpers for the ACL engine: a configuration from text, a recording logger, run contexts. */
import { parseConfig, optionsApi } from '../../src/config/index.js';
import type { LoadedConfig } from '../../src/config/types.js';
import { createExpandContext } from '../../src/expand/index.js';
import { untainted, type TStr } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import type { Logger, LogFile } from '../../src/log/types.js';
import { createAclEngine, newAclControls } from '../../src/acl/index.js';
import type { AclControls, AclRunContext, AclServices, AclWhere, VerifyHook, AclContent } from '../../src/acl/types.js';
import { fromLoadedConfig } from '../../src/cli/runtime-config.js';

export interface LoggedLine {
  files: readonly LogFile[];
  text: string;
}

export class RecordingLogger implements Logger {
  readonly lines: LoggedLine[] = [];
  constructor(private readonly off: readonly string[] = []) {}
  readonly selectors = { has: (name: string): boolean => !this.off.includes(name) };
  write(files: readonly LogFile[], text: string): void {
    this.lines.push({ files, text });
  }
  async reopen(): Promise<void> {}
  async close(): Promise<void> {}
  get texts(): string[] {
    return this.lines.map((l) => l.text);
  }
}

/** A configuration with the given main-section lines and ACL section text. */
export function configWith(acls: string, main = ''): LoadedConfig {
  const text = `${main}\nbegin acl\n${acls}\n`;
  return parseConfig({ file: 'test.conf', text }, optionsApi);
}

export interface Session {
  where?: AclWhere;
  vars?: Record<string, string>;
  tainted?: readonly string[];
  recipient?: string;
  verify?: VerifyHook;
  services?: AclServices;
  content?: AclContent;
  hostChecking?: boolean;
  controls?: AclControls;
  log?: RecordingLogger;
}

export function runContext(config: LoadedConfig, s: Session = {}): AclRunContext & { log: RecordingLogger } {
  const vars = new Map<string, TStr>();
  for (const [k, v] of Object.entries(s.vars ?? {})) vars.set(k, { s: v, tainted: s.tainted?.includes(k) ?? false });
  const expand = createExpandContext({ config: fromLoadedConfig(config).view, lookups: createLookupRegistry(), vars });
  return {
    where: s.where ?? 'rcpt',
    expand,
    controls: s.controls ?? newAclControls(),
    log: s.log ?? new RecordingLogger(),
    recipient: s.recipient,
    verify: s.verify,
    services: s.services,
    content: s.content,
    hostChecking: s.hostChecking,
  };
}

/** Variables of a -bh style RCPT: client 10.1.2.3 said HELO x, MAIL FROM a@b.example, RCPT u@a.example. */
export function rcptVars(recipient = 'u@a.example', sender = 'a@b.example'): Record<string, string> {
  const [lp, domain] = recipient.split('@') as [string, string];
  const [slp, sdomain] = sender === '' ? ['', ''] : (sender.split('@') as [string, string]);
  return {
    sender_host_address: '10.1.2.3',
    sender_helo_name: 'x',
    sender_address: sender,
    sender_address_local_part: slp,
    sender_address_domain: sdomain,
    local_part: lp.toLowerCase(),
    domain: domain.toLowerCase(),
  };
}

export async function runAcl(acls: string, name: string, s: Session = {}, main = '') {
  const config = configWith(acls, main);
  const engine = createAclEngine(config);
  const ctx = runContext(config, s);
  const out = await engine.run(name, ctx);
  return { out, ctx, log: ctx.log };
}

export { untainted };
