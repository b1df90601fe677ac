/**
 * Durations in log fields (RT=, D=, QT=, DT=): whole seconds in Exim's time format
 * (`0s`, `45s`, `2m3s`; zero units are left out, e.g. `1h5s`), or with +millisec
 * and under five seconds, seconds with three decimals (`0.204s`).
 */
export function printTime(totalSeconds: number): string {
  let t = Math.max(0, Math.floor(totalSeconds));
  if (t === 0) return '0s';
  const units: [string, number][] = [['w', 604800], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  let out = '';
  for (const [u, n] of units) {
    const q = Math.floor(t / n);
    if (q > 0) out += `${q}${u}`;
    t -= q * n;
  }
  return out;
}

export function logDuration(ms: number, millisec: boolean): string {
  const whole = Math.floor(ms / 1000);
  if (!millisec || whole >= 5) return printTime(whole);
  return `${whole}.${String(Math.floor(ms % 1000)).padStart(3, '0')}s`;
}
