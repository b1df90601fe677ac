/**
 * Exim message ids: base-62 time, process id and sub-second parts. The 16-character form
 * (tttttt-pppppp-ss, Exim up to 4.96) is what -bh shows; the 23-character form
 * (tttttt-pppppppppppp-ssss, 4.97+) is for spooled messages (the spool module allocates those).
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let out = '';
  let v = Math.floor(n);
  for (let i = 0; i < width; i++) {
    out = BASE62[v % 62]! + out;
    v = Math.floor(v / 62);
  }
  return out;
}

let lastKey = '';
let sequence = 0;

/** A 16-character id for `now` and `pid`; successive calls in one process never repeat. */
export function shortMessageId(now: Date, pid: number): string {
  const seconds = Math.floor(now.getTime() / 1000);
  let frac = Math.floor((now.getTime() % 1000) / 2) % (62 * 62);
  const key = `${seconds}-${pid}-${frac}`;
  if (key === lastKey) frac = (frac + ++sequence) % (62 * 62);
  else sequence = 0;
  lastKey = key;
  return `${base62(seconds, 6)}-${base62(pid, 6)}-${base62(frac, 2)}`;
}

export const MESSAGE_ID_16 = /\b[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}\b/g;
export const MESSAGE_ID_23 = /\b[0-9A-Za-z]{6}-[0-9A-Za-z]{11}-[0-9A-Za-z]{4}\b/g;
