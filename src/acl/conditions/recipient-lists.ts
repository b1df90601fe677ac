/**
 * domains, local_parts and recipients: lists tested against the recipient of a RCPT command
 * ($domain, $local_part, and the whole address). A match through a lookup leaves its data in
 * $domain_data, $local_part_data or $recipient_data.
 */
import { matchAddressList, matchDomainList, matchLocalPartList } from '../../match/index.js';
import { registerAclCondition } from '../registry.js';
import type { AclWhere } from '../types.js';
import { keepData, matchOrDefer, variable } from './list-util.js';

/** Only where a recipient is known (Exim 4.96's table, checked against exim4 -bh). */
const RECIPIENT_WHERES: readonly AclWhere[] = ['rcpt', 'vrfy', 'expn', 'etrn', 'prdr', 'dkim', 'not_smtp_start', 'wellknown'];

registerAclCondition({
  name: 'domains',
  kind: 'condition',
  allowedIn: RECIPIENT_WHERES,
  async evaluate(value, _item, ctx) {
    const domain = variable(ctx, 'domain');
    const m = await matchOrDefer(() => matchDomainList(domain.s, value.s, ctx.expand, { subjectTainted: domain.tainted }));
    return keepData(m, 'domain_data', ctx);
  },
});

registerAclCondition({
  name: 'local_parts',
  kind: 'condition',
  allowedIn: RECIPIENT_WHERES,
  async evaluate(value, _item, ctx) {
    const lp = variable(ctx, 'local_part');
    const m = await matchOrDefer(() => matchLocalPartList(lp.s, value.s, ctx.expand, { subjectTainted: lp.tainted }));
    return keepData(m, 'local_part_data', ctx);
  },
});

registerAclCondition({
  name: 'recipients',
  kind: 'condition',
  allowedIn: RECIPIENT_WHERES,
  async evaluate(value, _item, ctx) {
    const lp = variable(ctx, 'local_part');
    const domain = variable(ctx, 'domain');
    const address = ctx.recipient ?? (domain.s === '' ? lp.s : `${lp.s}@${domain.s}`);
    const m = await matchOrDefer(() => matchAddressList(address, value.s, ctx.expand, { subjectTainted: lp.tainted || domain.tainted }));
    return keepData(m, 'recipient_data', ctx);
  },
});
