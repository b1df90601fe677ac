/**
 * The expansion context of a local message and the non-SMTP ACLs: acl_not_smtp_start (run before
 * the message is read; only its controls count) and acl_not_smtp (run once the message is
 * complete; anything but accept or discard rejects it, permanently). Rejections are logged as
 * exim4 does: `F=<sender> rejected by non-SMTP ACL: <log message>` in the main and reject logs,
 * the reject log copy followed by the envelope and the header lines.
 */
import { createExpandContext } from '../../expand/index.js';
import { untainted, type ExpandContext } from '../../expand/types.js';
import { createLookupRegistry } from '../../lookups/index.js';
import { fromLoadedConfig } from '../runtime-config.js';
import type { LoadedConfig } from '../../config/types.js';
import type { AclControls, AclEngine, AclOutcome } from '../../acl/types.js';
import type { Logger } from '../../log/types.js';
import type { SpoolHeader } from '../../spool/types.js';
import { rejectDetail } from '../../log/lines/reject-detail.js';

export function newSubmitContext(config: LoadedConfig): ExpandContext {
  return createExpandContext({ config: fromLoadedConfig(config).view, lookups: createLookupRegistry() });
}

export function setVar(ctx: ExpandContext, name: string, value: string | undefined): void {
  if (value === undefined) ctx.vars.delete(name);
  else ctx.vars.set(name, untainted(value));
}

export interface NotSmtpAclRun {
  readonly acl: AclEngine;
  readonly config: LoadedConfig;
  readonly ctx: ExpandContext;
  readonly controls: AclControls;
  readonly log: Logger;
  readonly login: string;
  readonly messageId?: string;
  /** The message so far, for `regex =`. */
  readonly messageText?: () => string;
}

/** Runs acl_not_smtp_start or acl_not_smtp; an unset option accepts. */
export async function runNotSmtpAcl(where: 'not_smtp' | 'not_smtp_start', r: NotSmtpAclRun): Promise<AclOutcome> {
  const option = where === 'not_smtp' ? 'acl_not_smtp' : 'acl_not_smtp_start';
  const raw = r.config.mainOption(option);
  if (typeof raw !== 'string' || raw === '') return { result: 'ok' };
  const spool = r.config.mainOption('spool_directory');
  const text = r.messageText;
  return r.acl.run(raw, {
    where,
    expand: r.ctx,
    controls: r.controls,
    log: r.log,
    messageId: r.messageId,
    hostAndIdent: `U=${r.login}`,
    services: { spoolDirectory: typeof spool === 'string' ? spool : undefined },
    content: text ? { messageText: async () => text() } : undefined,
  });
}

/** The main/reject log lines of a rejected local message. */
export function logNotSmtpRejection(log: Logger, id: string, sender: string, recipients: readonly string[], headers: readonly SpoolHeader[], outcome: AclOutcome): void {
  // exim4 writes NULL when the ACL gave no message at all.
  const reason = outcome.logMessage ?? outcome.userMessage ?? 'NULL';
  const text = `F=<${sender}> rejected by non-SMTP ACL: ${reason.split('\n')[0]}`;
  const detail = rejectDetail(sender, recipients, headers.map((h) => ({ flag: h.type, text: h.text })));
  log.write(outcome.logRejectTarget ?? ['main', 'reject'], text, id, { rejectDetail: detail });
}

/** Headers queued by add_header / remove_header, applied as the SMTP server does for DATA. */
export function applyAclHeaders(controls: AclControls, headers: SpoolHeader[], headerType: (text: string) => string): void {
  for (const name of controls.headersToRemove.splice(0)) {
    const lower = name.toLowerCase();
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i]!;
      if (h.text.slice(0, h.text.indexOf(':')).trim().toLowerCase() === lower) headers[i] = { type: '*', text: h.text };
    }
  }
  for (const add of controls.headersToAdd.splice(0)) {
    const text = add.text.endsWith('\n') ? add.text : `${add.text}\n`;
    const h: SpoolHeader = { type: headerType(text), text };
    if (add.position === 'at_start' || add.position === 'prepend') headers.unshift(h);
    else if (add.position === 'after_received' || add.position === 'at_start_rfc') {
      const i = headers.findIndex((x) => x.type !== 'P');
      headers.splice(i < 0 ? headers.length : i, 0, h);
    } else headers.push(h);
  }
}
