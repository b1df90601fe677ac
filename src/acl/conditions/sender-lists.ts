/**
 * senders and sender_domains: the envelope sender ($sender_address) against an address list,
 * or its domain against a domain list ($domain is not changed, unlike other domain tests).
 */
import { matchAddressList, matchDomainList } from '../../match/index.js';
import { registerAclCondition } from '../registry.js';
import { allExcept } from '../where.js';
import { expandList, keepData, matchOrDefer, variable } from './list-util.js';

/** No sender is known at connection, HELO, AUTH, MAILAUTH, EXPN, ETRN and QUIT time (checked against exim4 -bh). */
const SENDER_WHERES = allExcept('connect', 'helo', 'auth', 'mailauth', 'expn', 'etrn', 'vrfy', 'quit', 'starttls');

registerAclCondition({
  name: 'senders',
  kind: 'condition',
  expandsItself: true,
  allowedIn: SENDER_WHERES,
  async evaluate(raw, _item, ctx) {
    const value = await expandList(raw, ctx);
    const sender = variable(ctx, 'sender_address');
    const m = await matchOrDefer(() => matchAddressList(sender.s, value.s, ctx.expand, { subjectTainted: sender.tainted }));
    return keepData(m, 'sender_data', ctx);
  },
});

registerAclCondition({
  name: 'sender_domains',
  kind: 'condition',
  expandsItself: true,
  allowedIn: SENDER_WHERES,
  async evaluate(raw, _item, ctx) {
    const value = await expandList(raw, ctx);
    const domain = variable(ctx, 'sender_address_domain');
    const m = await matchOrDefer(() => matchDomainList(domain.s, value.s, ctx.expand, { subjectTainted: domain.tainted }));
    return keepData(m, 'sender_data', ctx);
  },
});
