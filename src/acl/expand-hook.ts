/**
 * The ExpandContext.runAcl hook behind `${acl{name}{args}}` and the `acl` expansion condition:
 * runs the ACL with the caller's hook (Exim's "unknown" hook outside SMTP, e.g. -be) and maps
 * its result to what the expansion items expect.
 */
import type { AclExpandResult, ExpandContext, TStr } from '../expand/types.js';
import type { Logger } from '../log/types.js';
import { logTimestamp } from '../log/timestamp.js';
import type { AclControls, AclEngine, AclOutcome, AclRunContext, AclWhere } from './types.js';

export function newAclControls(): AclControls {
  return { set: new Map(), headersToAdd: [], headersToRemove: [], delayed: 0 };
}

/** Exim's test modes (-be) write log lines to stderr with a timestamp; this logger does that. */
export function stderrLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  return {
    selectors: { has: (name) => name !== 'incoming_port' },
    write(_files, text, messageId) {
      write(`${logTimestamp(new Date())} ${messageId ? `${messageId} ` : ''}${text}\n`);
    },
    reopen: async () => undefined,
    close: async () => undefined,
  };
}

export interface AclExpandHookOptions {
  readonly where?: AclWhere;
  readonly controls?: AclControls;
  readonly log?: Logger;
  /** Everything else of the run context (verify hook, services, message id...). */
  readonly base?: Partial<Omit<AclRunContext, 'where' | 'expand' | 'controls' | 'log'>>;
}

function toExpandResult(out: AclOutcome): AclExpandResult {
  switch (out.result) {
    case 'ok':
    case 'discard':
      return { verb: 'accept', message: out.userMessage };
    case 'fail':
      return { verb: 'deny', message: out.userMessage };
    case 'defer':
      return { verb: 'defer' };
    case 'fail_drop':
      return { verb: 'fail' };
    case 'error':
      return { verb: 'error' };
  }
}

export function aclExpandHook(engine: AclEngine, opts: AclExpandHookOptions = {}): NonNullable<ExpandContext['runAcl']> {
  const controls = opts.controls ?? newAclControls();
  const log = opts.log ?? stderrLogger();
  return async (name: string, args: TStr[], ctx: ExpandContext): Promise<AclExpandResult> => {
    const out = await engine.run(name, { ...opts.base, where: opts.where ?? 'expansion', expand: ctx, controls, log }, args);
    return toExpandResult(out);
  };
}
