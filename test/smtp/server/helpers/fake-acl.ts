/**
 * A small stand-in for the ACL engine (src/acl is built by another helper): verbs accept, deny,
 * defer, drop, discard, warn, require; conditions domains, hosts, senders, condition; modifiers
 * message, log_message, control, set, add_header. Enough for the SMTP server's oracle sessions.
 */
import type { AclEngine, AclOutcome, AclRunContext } from '../../../../src/acl/types.js';
import type { AclItem, LoadedConfig } from '../../../../src/config/types.js';
import { expandCondition } from '../../../../src/expand/index.js';
import { matchDomainList, matchHostList, matchAddressList } from '../../../../src/match/index.js';
import { untainted } from '../../../../src/expand/types.js';

export function createFakeAclEngine(config: LoadedConfig): AclEngine {
  return {
    async run(name: string, ctx: AclRunContext): Promise<AclOutcome> {
      const def = config.acls.get(name);
      if (!def) return { result: 'error', logMessage: `ACL "${name}" not found` };
      for (const st of def.statements) {
        let message: string | undefined;
        let logMessage: string | undefined;
        let ok = true;
        for (const item of st.items) {
          const r = await evalItem(item, ctx);
          if (r.kind === 'message') message = r.text;
          else if (r.kind === 'log_message') logMessage = r.text;
          else if (r.kind === 'cond' && !r.ok) {
            ok = false;
            break;
          }
        }
        if (st.verb === 'warn') continue;
        if (st.verb === 'require') {
          if (!ok) return { result: 'fail', userMessage: message, logMessage };
          continue;
        }
        if (!ok) continue;
        const result = ({ accept: 'ok', deny: 'fail', defer: 'defer', drop: 'fail_drop', discard: 'discard' } as const)[st.verb];
        return { result, userMessage: message, logMessage };
      }
      return { result: 'fail' };
    },
  };
}

type ItemResult = { kind: 'message' | 'log_message'; text: string } | { kind: 'cond'; ok: boolean } | { kind: 'other' };

async function evalItem(item: AclItem, ctx: AclRunContext): Promise<ItemResult> {
  const x = ctx.expand;
  const value = async () => (await x.services.expand(item.value, x)).s;
  const neg = (b: boolean) => ({ kind: 'cond' as const, ok: item.negated ? !b : b });
  switch (item.name) {
    case 'message':
    case 'log_message':
      return { kind: item.name, text: await value() };
    case 'domains':
      return neg((await matchDomainList(x.vars.get('domain')?.s ?? '', await value(), x)).matched);
    case 'senders':
      return neg((await matchAddressList(x.vars.get('sender_address')?.s ?? '', await value(), x)).matched);
    case 'hosts':
      return neg((await matchHostList({ address: x.vars.get('sender_host_address')?.s ?? '', name: '' }, await value(), x)).matched);
    case 'condition':
      return neg(await expandCondition(item.value, x));
    case 'control': {
      const v = await value();
      const slash = v.indexOf('/');
      ctx.controls.set.set(slash < 0 ? v : v.slice(0, slash), slash < 0 ? true : v.slice(slash + 1));
      return { kind: 'other' };
    }
    case 'set':
      x.vars.set(item.variable ?? '', untainted(await value()));
      return { kind: 'other' };
    case 'add_header':
      ctx.controls.headersToAdd.push({ text: await value(), position: 'append' });
      return { kind: 'other' };
    default:
      return { kind: 'other' };
  }
}
