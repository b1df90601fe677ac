/** ${if <condition> {yes}{no}}: $0..$n and $value set by the condition live only inside the item. */
import type { ItemHandler } from './util.js';
import { untainted } from '../types.js';
import { then, withCleanup } from '../maybe.js';

export const ifItem: ItemHandler = (node, ev, skip) => {
  const savedNumeric = ev.ctx.numeric;
  const savedValue = ev.ctx.value;
  return withCleanup(
    () =>
      then(ev.condM(node.cond!, skip), (ok) =>
        ev.yesNoM(node.yesno, ok, ev.ctx.value ?? untainted(''), 'if', skip, untainted(ok ? 'true' : '')),
      ),
    () => {
      ev.ctx.numeric = savedNumeric;
      ev.ctx.value = savedValue;
    },
  );
};
