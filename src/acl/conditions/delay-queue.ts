/**
 * delay and queue. delay waits (flushing is the SMTP layer's business), except under -bh where
 * Exim only reports it; queue names the queue the message goes to (no `/` in the name).
 */
import { readIntervalAt } from '../../config/sections/time.js';
import { AclError } from '../errors.js';
import { registerAclCondition } from '../registry.js';
import { allExcept } from '../where.js';

/** Exim's time values: a plain number of seconds, or groups like 1h30m. */
export function parseTimeValue(text: string): number | undefined {
  const t = text.trim();
  if (/^[0-9]+$/.test(t)) return Number(t);
  const r = readIntervalAt(t, 0);
  return r && r.end === t.length ? r.seconds : undefined;
}

const sleep = (seconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

registerAclCondition({
  name: 'delay',
  kind: 'modifier',
  allowedIn: allExcept('notquit'),
  async evaluate(value, _item, ctx) {
    const seconds = parseTimeValue(value.s);
    if (seconds === undefined) throw new AclError(`syntax error in argument for "delay" modifier: "${value.s}" is not a time value`);
    if (seconds <= 0 || ctx.hostChecking) return true;
    await (ctx.services?.sleep ?? sleep)(seconds);
    ctx.controls.delayed += seconds;
    return true;
  },
});

registerAclCondition({
  name: 'queue',
  kind: 'modifier',
  allowedIn: allExcept('data', 'not_smtp'),
  evaluate(value, _item, ctx) {
    if (value.s.includes('/')) throw new AclError(`Directory separator not permitted in queue name: '${value.s}'`);
    ctx.controls.queueName = value.s;
    return true;
  },
});
