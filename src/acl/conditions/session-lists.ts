/**
 * hosts, authenticated and encrypted: the client host against a host list (lookup data in
 * $host_data), the authenticator's name, and the TLS cipher suite. An unauthenticated or
 * unencrypted session fails the last two whatever the list.
 */
import { matchHostList, matchLocalPartList } from '../../match/index.js';
import { registerAclCondition } from '../registry.js';
import { allExcept } from '../where.js';
import { expandList, keepData, matchOrDefer, variable } from './list-util.js';

registerAclCondition({
  name: 'hosts',
  kind: 'condition',
  expandsItself: true,
  allowedIn: allExcept('not_smtp', 'not_smtp_start', 'not_smtp_mime'),
  async evaluate(raw, _item, ctx) {
    const value = await expandList(raw, ctx);
    const address = variable(ctx, 'sender_host_address').s;
    const name = ctx.expand.vars.get('sender_host_name')?.s;
    const m = await matchOrDefer(() => matchHostList({ address, name: name === '' ? undefined : name }, value.s, ctx.expand));
    return keepData(m, 'host_data', ctx);
  },
});

registerAclCondition({
  name: 'authenticated',
  kind: 'condition',
  expandsItself: true,
  allowedIn: allExcept('connect', 'helo', 'not_smtp', 'not_smtp_start', 'not_smtp_mime'),
  async evaluate(raw, _item, ctx) {
    const value = await expandList(raw, ctx);
    const authenticator = variable(ctx, 'sender_host_authenticated').s;
    if (authenticator === '') return false;
    return (await matchOrDefer(() => matchLocalPartList(authenticator, value.s, ctx.expand))).matched;
  },
});

registerAclCondition({
  name: 'encrypted',
  kind: 'condition',
  expandsItself: true,
  allowedIn: allExcept('helo', 'not_smtp', 'not_smtp_start', 'not_smtp_mime'),
  async evaluate(raw, _item, ctx) {
    const value = await expandList(raw, ctx);
    const cipher = variable(ctx, 'tls_in_cipher').s;
    if (cipher === '') return false;
    return (await matchOrDefer(() => matchLocalPartList(cipher, value.s, ctx.expand, { caseSensitive: true }))).matched;
  },
});
