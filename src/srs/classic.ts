/**
 * Classic SRS (Shevek's scheme, as libsrs_alt — the library behind Exim's EXPERIMENTAL_SRS_ALT —
 * and Mail::SRS::Guarded write it), forward and reverse:
 *
 *   forward user@orig.example via fwd.example
 *     -> SRS0<sep>HHH=TT=orig.example=user@fwd.example
 *   forward SRS0<sep>HHH=TT=orig.example=user@hop1.example via fwd.example
 *     -> SRS1<sep>GGG=hop1.example=<sep>HHH=TT=orig.example=user@fwd.example
 *   forward SRS1<sep>GGG=hop1.example==...@hop2.example -> the same SRS1 data, new hash GGG
 *
 * <sep> is the configured first separator ('=', '+' or '-'); all others are '='. HHH/GGG are
 * classic hashes (src/srs/hash.ts) over the lower-cased stamp, domain and local part (SRS0) or
 * over the SRS0 host and the rest of the SRS0 local part (SRS1); TT is the upper-case day stamp.
 * Without use_timestamp the `TT=` field is left out, without use_hash the `HHH=` field (SRS0
 * only; SRS1 always carries a hash). With a database the SRS0 body is `TT=<key>`, the key given
 * by the insert hook, and reversing asks the lookup hook for the address.
 *
 * Where libsrs_alt and Mail::SRS disagree, Mailwright takes Mail::SRS's reading: stamps are
 * decoded caselessly, and a stamp from the future is expired (libsrs_alt accepted some).
 */
import { SrsError } from './errors.js';
import { asciiLower, checkClassicHash, classicHash } from './hash.js';
import { BASE32_UPPER, dayNumber, decodeStamp, encodeStamp, stampAge } from './stamp.js';

export type SrsSeparator = '=' | '+' | '-';

/** Storage for database mode: the address is kept out of the rewritten sender. */
export interface SrsDatabase {
  /** Store the original sender and return the key to write into the SRS0 address. */
  insert?(address: string): Promise<string>;
  /** The address stored under a key (throw SrsError('baddbid') when there is none). */
  lookup?(key: string): Promise<string>;
}

export interface ClassicSrsOptions {
  /** The first secret makes new hashes; all are tried when checking. */
  readonly secrets: readonly string[];
  /** Days a stamp stays valid. */
  readonly maxAge: number;
  readonly hashLength: number;
  readonly hashMin: number;
  readonly separator?: SrsSeparator;
  readonly useTimestamp?: boolean;
  readonly useHash?: boolean;
  readonly db?: SrsDatabase;
  /** Leave a sender already in the forwarding domain alone (Mail::SRS without AlwaysRewrite). */
  readonly keepSameDomain?: boolean;
}

export interface ReverseResult {
  readonly address: string;
  /** The hash matched only when case is ignored (a relay changed the case). */
  readonly caseBroken: boolean;
}

/** Longest address accepted (as libsrs_alt) and longest result (Exim's buffer). */
const MAX_ADDRESS = 256;
const MAX_RESULT = 511;

interface Split {
  readonly local: string;
  readonly domain: string;
}

/** Split at the first '@' not escaped by a backslash; a backslash-escaped '@' is refused. */
function splitAddress(address: string): Split {
  for (let i = 0; i < address.length; i++) {
    const c = address[i];
    if (c === '\\') {
      if (address[i + 1] === '@') throw new SrsError('badparam', 'escaped @ in address');
      i++;
    } else if (c === '@') {
      const split = { local: address.slice(0, i), domain: address.slice(i + 1) };
      if (split.local === '' || split.domain === '') throw new SrsError('badparam', `empty local part or domain in ${address}`);
      return split;
    }
  }
  throw new SrsError('badparam', `no @ in ${address}`);
}

/** 'SRS0' or 'SRS1' when the local part starts with the tag (any case) and a separator. */
function srsTag(local: string): 'SRS0' | 'SRS1' | undefined {
  // ASCII-caseless, as strncasecmp: toUpperCase would also turn U+017F into S.
  const m = /^[Ss][Rr][Ss]([01])[=+-]/.exec(local);
  return m ? (m[1] === '0' ? 'SRS0' : 'SRS1') : undefined;
}

export class ClassicSrs {
  private readonly sep: SrsSeparator;
  private readonly useTimestamp: boolean;
  private readonly useHash: boolean;

  constructor(private readonly opts: ClassicSrsOptions) {
    if (opts.secrets.length === 0) throw new SrsError('badparam', 'no secret');
    this.sep = opts.separator ?? '=';
    this.useTimestamp = opts.useTimestamp ?? true;
    this.useHash = opts.useHash ?? true;
  }

  private hash(data: string): string {
    return classicHash(this.opts.secrets[0]!, data, this.opts.hashLength);
  }

  /** The return path to use when forwarding mail from `sender` as `aliasDomain`. */
  async forward(sender: string, aliasDomain: string, nowMs: number): Promise<string> {
    if (sender.length > MAX_ADDRESS) throw new SrsError('addresstoolong');
    const { local, domain } = splitAddress(sender);
    if (aliasDomain === '' || aliasDomain.includes('@')) throw new SrsError('badparam', `bad forwarding domain ${aliasDomain}`);
    if (this.opts.keepSameDomain && asciiLower(domain) === asciiLower(aliasDomain)) return sender;
    const tag = srsTag(local);
    const srsLocal = tag === 'SRS1' ? this.rehashSrs1(local) : tag === 'SRS0' ? this.wrapSrs0(local, domain) : await this.newSrs0(sender, local, domain, nowMs);
    const result = `${srsLocal}@${aliasDomain}`;
    if (result.length > MAX_RESULT) throw new SrsError('buffertoosmall');
    return result;
  }

  private async newSrs0(sender: string, local: string, domain: string, nowMs: number): Promise<string> {
    const stamp = this.useTimestamp ? encodeStamp(dayNumber(nowMs), BASE32_UPPER) : '';
    const body = this.opts.db ? await this.dbInsert(sender) : `${domain}=${local}`;
    const hashData = this.opts.db ? stamp + body : stamp + domain + local;
    const fields = [...(this.useHash ? [this.hash(hashData)] : []), ...(stamp ? [stamp] : []), body];
    return `SRS0${this.sep}${fields.join('=')}`;
  }

  private async dbInsert(sender: string): Promise<string> {
    if (!this.opts.db?.insert) throw new SrsError('dberror', 'no database insert hook');
    return this.opts.db.insert(sender);
  }

  /** SRS0 from an earlier hop: keep its local part (separator included) under a new SRS1 hash. */
  private wrapSrs0(local: string, host: string): string {
    const rest = local.slice(4);
    return `SRS1${this.sep}${this.hash(host + rest)}=${host}=${rest}`;
  }

  /** SRS1 from an earlier hop: same host and SRS0 part, hash made again with our secret. */
  private rehashSrs1(local: string): string {
    const hashEnd = local.indexOf('=', 5);
    if (hashEnd < 0) throw new SrsError('badsrs', 'no hash in SRS1 address');
    const data = local.slice(hashEnd + 1);
    const hostEnd = data.indexOf('=');
    if (hostEnd < 0) throw new SrsError('badsrs', 'no host in SRS1 address');
    return `SRS1${this.sep}${this.hash(data.slice(0, hostEnd) + data.slice(hostEnd + 1))}=${data}`;
  }

  /** The address an SRS0/SRS1 bounce address stands for (SRS1 gives back the SRS0 address). */
  async reverse(address: string, nowMs: number): Promise<ReverseResult> {
    if (address.length > MAX_ADDRESS) throw new SrsError('addresstoolong');
    const { local } = splitAddress(address);
    const tag = srsTag(local);
    if (!tag) throw new SrsError('notsrs');
    let pos = 5;
    let hash: string | undefined;
    if (tag === 'SRS1' || this.useHash) {
      const hashEnd = local.indexOf('=', pos);
      if (hashEnd < 0) throw new SrsError('badsrs', 'no hash field');
      hash = local.slice(pos, hashEnd);
      pos = hashEnd + 1;
    }
    const parsed = tag === 'SRS1' ? parseSrs1(local, pos) : this.parseSrs0(local, pos, nowMs);
    let caseBroken = false;
    if (hash !== undefined) {
      const check = checkClassicHash(this.opts.secrets, parsed.hashData, hash, this.opts.hashMin);
      if (check === 'tooshort' || check === 'bad') throw new SrsError('badhash');
      caseBroken = check === 'casebroken';
    }
    const result = parsed.dbKey !== undefined ? await this.dbLookup(parsed.dbKey) : parsed.address;
    return { address: result, caseBroken };
  }

  private parseSrs0(local: string, start: number, nowMs: number): ParsedSrs {
    let pos = start;
    let stamp = '';
    if (this.useTimestamp) {
      stamp = local.slice(pos, pos + 2);
      const slot = decodeStamp(stamp.toUpperCase(), BASE32_UPPER);
      if (slot === null) throw new SrsError('badtimestamp');
      if (stampAge(slot, dayNumber(nowMs)) > this.opts.maxAge) throw new SrsError('timestampexpired');
      if (local[pos + 2] !== '=') throw new SrsError('badsrs', 'no separator after the time stamp');
      pos += 3;
    }
    if (this.opts.db) {
      const key = local.slice(pos);
      return { address: '', hashData: stamp + key, dbKey: key };
    }
    const domainEnd = local.indexOf('=', pos);
    if (domainEnd < 0) throw new SrsError('badsrs', 'no separator after the domain');
    const domain = local.slice(pos, domainEnd);
    const user = local.slice(domainEnd + 1);
    return { address: `${user}@${domain}`, hashData: stamp + domain + user };
  }

  private async dbLookup(key: string): Promise<string> {
    if (!this.opts.db?.lookup) throw new SrsError('dberror', 'no database lookup hook');
    return this.opts.db.lookup(key);
  }
}

interface ParsedSrs {
  readonly address: string;
  readonly hashData: string;
  readonly dbKey?: string;
}

function parseSrs1(local: string, start: number): ParsedSrs {
  const hostEnd = local.indexOf('=', start);
  if (hostEnd < 0) throw new SrsError('badsrs', 'no host in SRS1 address');
  const host = local.slice(start, hostEnd);
  const rest = local.slice(hostEnd + 1);
  return { address: `SRS0${rest}@${host}`, hashData: host + rest };
}
