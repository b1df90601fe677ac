/**
 * add_header and remove_header: queue header lines to add, or header names to remove, for the
 * message being received (only ACLs concerned with receiving a message may do this).
 */
import { listItems } from '../../util/exim-list.js';
import { queueHeaders } from '../headers.js';
import { registerAclCondition } from '../registry.js';
import { allExcept } from '../where.js';

const HEADER_WHERES = allExcept('connect', 'helo', 'auth', 'mailauth', 'quit', 'notquit', 'starttls', 'vrfy', 'expn', 'etrn', 'wellknown', 'expansion');

registerAclCondition({
  name: 'add_header',
  kind: 'modifier',
  allowedIn: HEADER_WHERES,
  evaluate(value, _item, ctx) {
    queueHeaders(value.s, ctx);
    return true;
  },
});

registerAclCondition({
  name: 'remove_header',
  kind: 'modifier',
  allowedIn: HEADER_WHERES,
  evaluate(value, _item, ctx) {
    for (const name of listItems(value.s)) {
      const bare = name.replace(/:$/, '');
      if (bare !== '' && !ctx.controls.headersToRemove.some((h) => h.toLowerCase() === bare.toLowerCase())) ctx.controls.headersToRemove.push(bare);
    }
    ctx.expand.vars.set('headers_removed', { s: ctx.controls.headersToRemove.join(' : '), tainted: false });
    return true;
  },
});
