/** ${if <condition> {yes}{no}}: $0..$n and $value set by the condition live only inside the item. */
import type { ItemHandler } from './util.js';
import { untainted } from '../types.js';

export const ifItem: ItemHandler = async (node, ev, skip) => {
  const savedNumeric = ev.ctx.numeric;
  const savedValue = ev.ctx.value;
  try {
    const ok = await ev.cond(node.cond!, skip);
    return await ev.yesNo(node.yesno, ok, ev.ctx.value ?? untainted(''), 'if', skip, untainted(ok ? 'true' : ''));
  } finally {
    ev.ctx.numeric = savedNumeric;
    ev.ctx.value = savedValue;
  }
};
