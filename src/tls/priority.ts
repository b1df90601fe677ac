/**
 * tls_require_ciphers → Node's cipher options. Debian's exim4 hands the value to GnuTLS as a
 * priority string ("NORMAL:-VERS-TLS1.2", "SECURE256", "NONE:+VERS-TLS1.3:+AES-256-GCM:..."),
 * so that form is translated over a table of the suites OpenSSL and GnuTLS share. A value
 * that does not look like a priority string is taken as an OpenSSL cipher list (what an
 * OpenSSL-built Exim expects), with '_' turned into '-' as Exim does for OpenSSL.
 *
 * Mapping: keywords NORMAL, PERFORMANCE, SYSTEM, LEGACY, SECURE, SECURE128 = the suites exim4
 * accepted by default (oracle: AEAD suites, CBC with SHA1 only, CCM, RSA/DHE/ECDHE key
 * exchange); PFS drops RSA key exchange; SECURE192/SECURE256 keep 256-bit ciphers; SUITEB128/
 * SUITEB192 ECDHE-ECDSA with AES-GCM; NONE starts empty. +/-/! items for CIPHER (AES-128-GCM,
 * CHACHA20-POLY1305, AES-256-CBC, ..., CIPHER-ALL), KX (RSA, DHE-RSA, ECDHE-RSA, ECDHE-ECDSA,
 * KX-ALL), MAC (AEAD, SHA1, SHA256, SHA384, MAC-ALL), VERS-TLS1.2/1.3 (VERS-ALL, VERS-TLS-ALL)
 * and GROUP-/CURVE- names; SIGN-, COMP-, CTYPE- items and %flags have no Node equivalent and
 * are ignored. Versions below TLS1.2 are never enabled, whatever the string says.
 */
import { TlsConfigError } from './errors.js';

export interface CipherSettings {
  /** Node `ciphers` (TLS1.2 OpenSSL names and TLS1.3 suite names). */
  readonly ciphers: string;
  readonly minVersion: 'TLSv1.2' | 'TLSv1.3';
  readonly maxVersion: 'TLSv1.2' | 'TLSv1.3';
  /** Node `ecdhCurve` when groups were restricted. */
  readonly ecdhCurve?: string;
}

type Kx = 'RSA' | 'DHE-RSA' | 'ECDHE-RSA' | 'ECDHE-ECDSA';
interface Suite {
  readonly name: string;
  readonly kx: Kx | 'TLS13';
  readonly cipher: string;
  readonly mac: 'AEAD' | 'SHA1' | 'SHA256' | 'SHA384';
}

const TLS12_CIPHERS: ReadonlyArray<[string, string, Suite['mac']]> = [
  ['AES256-GCM-SHA384', 'AES-256-GCM', 'AEAD'],
  ['AES128-GCM-SHA256', 'AES-128-GCM', 'AEAD'],
  ['CHACHA20-POLY1305', 'CHACHA20-POLY1305', 'AEAD'],
  ['AES256-CCM', 'AES-256-CCM', 'AEAD'],
  ['AES128-CCM', 'AES-128-CCM', 'AEAD'],
  ['AES256-SHA', 'AES-256-CBC', 'SHA1'],
  ['AES128-SHA', 'AES-128-CBC', 'SHA1'],
  ['AES256-SHA256', 'AES-256-CBC', 'SHA256'],
  ['AES128-SHA256', 'AES-128-CBC', 'SHA256'],
  ['AES256-SHA384', 'AES-256-CBC', 'SHA384'],
];

/** OpenSSL's name for a key exchange + cipher pair (undefined when OpenSSL has no such suite). */
function openSslName(kx: Kx, tail: string): string | undefined {
  const isChacha = tail === 'CHACHA20-POLY1305';
  const isCcm = tail.endsWith('CCM');
  if (kx === 'RSA') return isChacha ? undefined : tail;
  if (kx === 'ECDHE-RSA' && isCcm) return undefined;
  if (tail === 'AES256-SHA384' && kx !== 'ECDHE-RSA' && kx !== 'ECDHE-ECDSA') return undefined;
  if (tail === 'AES256-SHA256' && kx.startsWith('ECDHE')) return undefined;
  if (tail === 'AES256-SHA' || tail === 'AES128-SHA') return `${kx}-${tail}`;
  return `${kx}-${tail}`;
}

const SUITES: readonly Suite[] = [
  { name: 'TLS_AES_256_GCM_SHA384', kx: 'TLS13', cipher: 'AES-256-GCM', mac: 'AEAD' },
  { name: 'TLS_CHACHA20_POLY1305_SHA256', kx: 'TLS13', cipher: 'CHACHA20-POLY1305', mac: 'AEAD' },
  { name: 'TLS_AES_128_GCM_SHA256', kx: 'TLS13', cipher: 'AES-128-GCM', mac: 'AEAD' },
  { name: 'TLS_AES_128_CCM_SHA256', kx: 'TLS13', cipher: 'AES-128-CCM', mac: 'AEAD' },
  ...(['ECDHE-ECDSA', 'ECDHE-RSA', 'DHE-RSA', 'RSA'] as const).flatMap((kx) =>
    TLS12_CIPHERS.flatMap(([tail, cipher, mac]) => {
      const name = openSslName(kx, tail);
      return name ? [{ name, kx, cipher, mac }] : [];
    }),
  ),
];

const ALL_KX: readonly Kx[] = ['RSA', 'DHE-RSA', 'ECDHE-RSA', 'ECDHE-ECDSA'];
const ALL_CIPHERS = [...new Set(SUITES.map((s) => s.cipher))];
const ALL_GROUPS = ['X25519', 'SECP256R1', 'X448', 'SECP521R1', 'SECP384R1', 'FFDHE2048', 'FFDHE3072', 'FFDHE4096', 'FFDHE6144', 'FFDHE8192'];
const NODE_GROUP: Readonly<Record<string, string>> = { SECP256R1: 'P-256', SECP384R1: 'P-384', SECP521R1: 'P-521' };

interface Selection {
  ciphers: Set<string>;
  kx: Set<Kx>;
  macs: Set<string>;
  versions: Set<'TLSv1.2' | 'TLSv1.3'>;
  groups: Set<string>;
}

function keyword(word: string): Selection | undefined {
  const all = (): Selection => ({ ciphers: new Set(ALL_CIPHERS), kx: new Set(ALL_KX), macs: new Set(['AEAD', 'SHA1']), versions: new Set(['TLSv1.2', 'TLSv1.3']), groups: new Set(ALL_GROUPS) });
  switch (word) {
    case 'NORMAL':
    case 'PERFORMANCE':
    case 'SYSTEM':
    case '@SYSTEM':
    case 'LEGACY':
    case 'SECURE':
    case 'SECURE128':
      return all();
    case 'PFS': {
      const s = all();
      s.kx.delete('RSA');
      return s;
    }
    case 'SECURE192':
    case 'SECURE256': {
      const s = all();
      s.ciphers = new Set(ALL_CIPHERS.filter((c) => c.includes('256') || c.startsWith('CHACHA')));
      return s;
    }
    case 'SUITEB128':
    case 'SUITEB192':
      return { ciphers: new Set(word === 'SUITEB128' ? ['AES-128-GCM', 'AES-256-GCM'] : ['AES-256-GCM']), kx: new Set(['ECDHE-ECDSA']), macs: new Set(['AEAD']), versions: new Set(['TLSv1.2', 'TLSv1.3']), groups: new Set(word === 'SUITEB128' ? ['SECP256R1', 'SECP384R1'] : ['SECP384R1']) };
    case 'NONE':
      return { ciphers: new Set(), kx: new Set(), macs: new Set(), versions: new Set(), groups: new Set() };
    default:
      return undefined;
  }
}

/** Whether the text is a GnuTLS priority string rather than an OpenSSL cipher list. */
export function isGnutlsPriority(text: string): boolean {
  const items = text.split(':').map((i) => i.trim());
  if (keyword(items[0]!.toUpperCase()) !== undefined) return true;
  return items.some((i) => i.startsWith('%') || /^[+\-!](VERS|GROUP|CURVE|SIGN|CIPHER|MAC|KX|COMP|CTYPE)-/i.test(i));
}

function apply(sel: Selection, item: string): void {
  const add = item[0] === '+';
  const name = item.slice(1).toUpperCase();
  const edit = <T>(set: Set<T>, values: readonly T[]): void => values.forEach((v) => (add ? set.add(v) : set.delete(v)));
  if (name === 'VERS-ALL' || name === 'VERS-TLS-ALL') return edit(sel.versions, ['TLSv1.2', 'TLSv1.3']);
  if (name === 'VERS-TLS1.2' || name === 'VERS-TLS1.3') return edit(sel.versions, [name === 'VERS-TLS1.2' ? 'TLSv1.2' : 'TLSv1.3']);
  if (name.startsWith('VERS-')) return; // TLS1.1 and below stay off
  if (name === 'CIPHER-ALL') return edit(sel.ciphers, ALL_CIPHERS);
  if (ALL_CIPHERS.includes(name)) return edit(sel.ciphers, [name]);
  if (name === 'KX-ALL') return edit(sel.kx, ALL_KX);
  if ((ALL_KX as readonly string[]).includes(name)) return edit(sel.kx, [name as Kx]);
  if (name === 'MAC-ALL') return edit(sel.macs, ['AEAD', 'SHA1', 'SHA256', 'SHA384']);
  if (['AEAD', 'SHA1', 'SHA256', 'SHA384'].includes(name)) return edit(sel.macs, [name]);
  if (name === 'GROUP-ALL' || name === 'CURVE-ALL') return edit(sel.groups, ALL_GROUPS);
  const group = /^(?:GROUP|CURVE)-(.+)$/.exec(name)?.[1];
  if (group && ALL_GROUPS.includes(group)) return edit(sel.groups, [group]);
  // SIGN-*, COMP-*, CTYPE-* and unknown names: nothing Node can express.
}

/** Settings for the default (unset or empty) tls_require_ciphers. */
export function defaultCipherSettings(): CipherSettings {
  return fromPriority('NORMAL');
}

function fromPriority(text: string): CipherSettings {
  const items = text.split(':').map((i) => i.trim()).filter((i) => i !== '');
  const sel = keyword(items[0]!.toUpperCase()) ?? keyword('NORMAL')!;
  for (const item of items.slice(keyword(items[0]!.toUpperCase()) ? 1 : 0)) {
    if (item.startsWith('%')) continue;
    if (/^[+\-!]/.test(item)) apply(sel, item);
    else throw new TlsConfigError(`tls_require_ciphers: unknown priority string item "${item}"`);
  }
  const chosen = SUITES.filter((s) => sel.ciphers.has(s.cipher) && sel.macs.has(s.mac) && (s.kx === 'TLS13' || sel.kx.has(s.kx)));
  const tls13 = sel.versions.has('TLSv1.3') && chosen.some((s) => s.kx === 'TLS13');
  const tls12 = sel.versions.has('TLSv1.2') && chosen.some((s) => s.kx !== 'TLS13');
  if (!tls12 && !tls13) throw new TlsConfigError(`tls_require_ciphers: "${text}" leaves no TLS1.2 or TLS1.3 cipher suite`);
  const groups = ALL_GROUPS.filter((g) => sel.groups.has(g));
  if (groups.length === 0) throw new TlsConfigError(`tls_require_ciphers: "${text}" leaves no key exchange group`);
  return {
    ciphers: chosen.filter((s) => (s.kx === 'TLS13' ? tls13 : tls12)).map((s) => s.name).join(':'),
    minVersion: tls12 ? 'TLSv1.2' : 'TLSv1.3',
    maxVersion: tls13 ? 'TLSv1.3' : 'TLSv1.2',
    ecdhCurve: groups.length === ALL_GROUPS.length ? undefined : groups.map((g) => NODE_GROUP[g] ?? g).join(':'),
  };
}

/** tls_require_ciphers (expanded) → Node settings; throws TlsConfigError for unusable values. */
export function cipherSettings(requireCiphers: string | undefined): CipherSettings {
  const text = (requireCiphers ?? '').trim();
  if (text === '') return defaultCipherSettings();
  if (isGnutlsPriority(text)) return fromPriority(text);
  // An OpenSSL cipher list: TLS1.2 suites from the list, TLS1.3 suites as OpenSSL's default.
  return { ciphers: text.replace(/_/g, '-'), minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' };
}
