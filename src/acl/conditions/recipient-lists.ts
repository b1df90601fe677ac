/**
 * domains, local_parts and recipients: lists tested against the recipient of a RCPT command
 * ($domain, $local_part, and the whole address). A match through a lookup leaves its data in
 * $domain_data, $local_part_data or $recipient_data.
 */
import { matchAddressList, matchDomainList, matchLocalPartList } from '../../match/index.js';
import { registerAclCondition } from '../registry.js';
import type { AclWhere } from '../types.js';
import { expandList, keepData, matchOrDefer, variable } from './list-util.js';

/** Only where a recipient is being checked (Exim 4.96's table, checked against exim4 -bh). */
const RECIPIENT_WHERES: readonly AclWhere[] = ['rcpt', 'vrfy', 'prdr'];

registerAclCondition({
  name: 'domains',
  kind: 'condition',
  expandsItself: true,
  allowedIn: RECIPIENT_WHERES,
  async evaluate(raw, _item, ctx) {
    const value = await expandList(raw, ctx);
    const domain = variable(ctx, 'domain');
    const m = await matchOrDefer(() => matchDomainList(domain.s, value.s, ctx.expand, { subjectTainted: domain.tainted }));
    return keepData(m, 'domain_data', ctx);
  },
});

registerAclCondition({
  name: 'local_parts',
  kind: 'condition',
  expandsItself: true,
  allowedIn: RECIPIENT_WHERES,
  async evaluate(raw, _item, ctx) {
    const value = await expandList(raw, ctx);
    const lp = variable(ctx, 'local_part');
    const m = await matchOrDefer(() => matchLocalPartList(lp.s, value.s, ctx.expand, { subjectTainted: lp.tainted }));
    return keepData(m, 'local_part_data', ctx);
  },
});

registerAclCondition({
  name: 'recipients',
  kind: 'condition',
  expandsItself: true,
  allowedIn: RECIPIENT_WHERES,
  async evaluate(raw, _item, ctx) {
    const value = await expandList(raw, ctx);
    const lp = variable(ctx, 'local_part');
    const domain = variable(ctx, 'domain');
    const address = ctx.recipient ?? (domain.s === '' ? lp.s : `${lp.s}@${domain.s}`);
    const m = await matchOrDefer(() => matchAddressList(address, value.s, ctx.expand, { subjectTainted: lp.tainted || domain.tainted }));
    return keepData(m, 'recipient_data', ctx);
  },
});
