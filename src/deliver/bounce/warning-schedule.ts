/**
 * When delay warnings are due (spec: delay_warning). The option is a list of ages; once past
 * the last one, warnings repeat at the last interval of the list (the single value when there
 * is one). An empty list or a zero first time means no warnings.
 */

/** The message age (seconds) after which warning number `sent` (0 for the first) is due; undefined: never. */
export function delayWarningThreshold(times: readonly number[], sent: number): number | undefined {
  if (times.length === 0 || times[0] === 0) return undefined;
  if (sent < times.length) return times[sent];
  const last = times[times.length - 1]!;
  const interval = times.length > 1 ? last - times[times.length - 2]! : last;
  if (interval <= 0) return undefined;
  return last + (sent - times.length + 1) * interval;
}

/**
 * Whether a warning is due now for a message `age` seconds old that has had `sent` warnings
 * (the -H warning count). Bounces (empty sender) never get warnings.
 */
export function delayWarningDue(times: readonly number[], sent: number, age: number, sender: string): boolean {
  if (sender === '') return false;
  const threshold = delayWarningThreshold(times, sent);
  return threshold !== undefined && age >= threshold;
}
