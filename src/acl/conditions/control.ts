/**
 * control = name[/options]: records the control in ctx.controls.set (value: true, or the
 * options text without the leading `/`) for the SMTP layer and the spool; the local-part case
 * controls act at once on $local_part. Exim's errors: unknown control or bad options ->
 * `syntax error in "control=..."`, wrong hook -> `cannot use "control=name" in X ACL`.
 */
import { AclError } from '../errors.js';
import { registerAclCondition } from '../registry.js';
import type { AclRunContext } from '../types.js';
import { whereName } from '../where.js';
import { findControl } from './control-table.js';

function localPartCase(name: string, ctx: AclRunContext): void {
  const original = ctx.recipient;
  if (original === undefined) return;
  const at = original.lastIndexOf('@');
  const lp = at < 0 ? original : original.slice(0, at);
  const current = ctx.expand.vars.get('local_part');
  const tainted = current?.tainted ?? true;
  ctx.expand.vars.set('local_part', { s: name === 'caseful_local_part' ? lp : lp.toLowerCase(), tainted });
}

export function applyControl(value: string, ctx: AclRunContext): void {
  const found = findControl(value);
  if (!found) throw new AclError(`syntax error in "control=${value}"`);
  const { def, options } = found;
  if (!def.allowedIn.includes(ctx.where)) {
    throw new AclError(`cannot use "control=${def.shownName ?? def.name}" in ${whereName(ctx.where)} ACL`);
  }
  const check = def.options ? def.options(options) : options === '' ? 'ok' : 'syntax';
  if (check === 'syntax') throw new AclError(`syntax error in "control=${value}"`);
  if (check === 'dscp') throw new AclError(`unrecognised DSCP value in "control=${value}"`);
  if (check === 'utf8') throw new AclError('bad option value for control=utf8_downconvert');
  if (def.name === 'error') throw new AclError('');
  const name = def.shownName ?? def.name;
  ctx.controls.set.set(name, options === '' ? true : options.slice(1));
  if (def.name === 'no_enforce_sync') ctx.controls.set.delete('enforce_sync');
  if (def.name === 'enforce_sync') ctx.controls.set.delete('no_enforce_sync');
  if (def.name === 'caseful_local_part' || def.name === 'caselower_local_part') localPartCase(def.name, ctx);
  if (def.name === 'queue_only') ctx.controls.set.set('queue', options === '' ? 'only' : options.slice(1));
}

registerAclCondition({
  name: 'control',
  kind: 'modifier',
  evaluate(value, _item, ctx) {
    applyControl(value.s, ctx);
    return true;
  },
});
