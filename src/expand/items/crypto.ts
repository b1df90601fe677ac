/** hmac, prvs and prvscheck (BATV signing with HMAC-SHA1). */
import { createHmac } from 'node:crypto';
import { ExpandError, EMPTY, untainted, type TStr } from '../types.js';
import { stringToBytes } from '../operators/bytes.js';
import { argumentItem, derived, walkItem, type ItemHandler } from './util.js';

export const hmacItem: ItemHandler = argumentItem(([algo, secret, text]) => {
  if (algo!.s !== 'md5' && algo!.s !== 'sha1') throw new ExpandError(`hmac algorithm "${algo!.s}" is not recognised`);
  const h = createHmac(algo!.s, stringToBytes(secret!.s)).update(stringToBytes(text!.s)).digest('hex');
  return derived(h, secret!, text!);
});

/** Day stamp used by prvs: (days since the epoch + 7) mod 1000, three digits. */
function prvsDayStamp(now: number, plusDays = 7): string {
  return String((Math.floor(now / 86400000) + plusDays) % 1000).padStart(3, '0');
}

/** First three bytes of HMAC-SHA1(secret, keynum . daystamp . address), in hex. */
export function prvsHash(address: string, secret: string, keynum: string, day: string): string {
  return createHmac('sha1', stringToBytes(secret))
    .update(stringToBytes(keynum + day + address))
    .digest('hex')
    .slice(0, 6);
}

export const prvsItem: ItemHandler = argumentItem(([addr, secret, keyArg]) => {
  const at = addr!.s.lastIndexOf('@');
  if (at <= 0) throw new ExpandError('prvs first argument must be a qualified email address');
  const keynum = keyArg?.s ?? '0';
  if (!/^\d$/.test(keynum)) throw new ExpandError('prvs third argument must be a single digit');
  const day = prvsDayStamp(Date.now());
  const hash = prvsHash(addr!.s, secret!.s, keynum, day);
  return derived(`prvs=${keynum}${day}${hash}=${addr!.s}`, addr!, secret!);
});

const PRVS_ADDRESS = /^prvs=(\d)(\d{3})([A-Fa-f0-9]{6})=(.+)@(.+)$/;

export const prvscheckItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const addr = await ev.seq(node.args[0]!);
  const m = PRVS_ADDRESS.exec(addr.s);
  if (!m) {
    for (const a of node.args.slice(1)) await ev.seq(a, true);
    return EMPTY;
  }
  const [, keynum, day, hash, local, domain] = m;
  const decoded = `${local}@${domain}`;
  const vars = ev.ctx.vars;
  vars.set('prvscheck_address', derived(decoded, addr));
  vars.set('prvscheck_keynum', untainted(keynum!));
  const secret = await ev.seq(node.args[1]!);
  const good = prvsHash(decoded, secret.s, keynum!, day!) === hash!.toLowerCase() && !prvsExpired(day!);
  vars.set('prvscheck_result', untainted(good ? '1' : ''));
  const third: TStr = node.args[2] ? await ev.seq(node.args[2]) : EMPTY;
  vars.delete('prvscheck_address');
  vars.delete('prvscheck_keynum');
  return third.s === '' ? derived(decoded, addr) : third;
};

/** A stamp is valid for 7 days: it must lie between today and today+7 (mod 1000). */
function prvsExpired(day: string): boolean {
  const today = Math.floor(Date.now() / 86400000) % 1000;
  const diff = (Number(day) - today + 1000) % 1000;
  return diff > 7;
}
