/**
 * Which key-exchange group and signature scheme the server (OpenSSL under Node) chose, worked
 * out from the ClientHello: OpenSSL follows the client's preference order unless the server
 * sets its own, which Mailwright does not (like exim4 with GnuTLS, where the client's order
 * wins too). Node reports neither value on the server side; exim4 logs both in X=. The rules
 * are checked against the client-side view in test/tls/server-choice.test.ts.
 */
import type { ClientHello } from './client-hello.js';

/** OpenSSL 3.0's default groups for a server ("auto"). */
export const DEFAULT_SERVER_GROUPS: readonly number[] = [0x1d, 0x17, 0x1e, 0x19, 0x18, 0x100, 0x101, 0x102, 0x103, 0x104];

const GROUP_BY_NAME: Readonly<Record<string, number>> = {
  X25519: 0x1d,
  X448: 0x1e,
  'P-256': 0x17,
  PRIME256V1: 0x17,
  SECP256R1: 0x17,
  'P-384': 0x18,
  SECP384R1: 0x18,
  'P-521': 0x19,
  SECP521R1: 0x19,
  FFDHE2048: 0x100,
  FFDHE3072: 0x101,
  FFDHE4096: 0x102,
  FFDHE6144: 0x103,
  FFDHE8192: 0x104,
};

/** Group codes of a Node ecdhCurve value ("auto" or colon-separated names). */
export function serverGroups(ecdhCurve: string | undefined): readonly number[] {
  if (!ecdhCurve || ecdhCurve === 'auto') return DEFAULT_SERVER_GROUPS;
  return ecdhCurve.split(':').map((n) => GROUP_BY_NAME[n.trim().toUpperCase()]).filter((g): g is number => g !== undefined);
}

const isFfdhe = (g: number): boolean => g >= 0x100 && g < 0x200;

/** The group of an ECDHE (TLS1.2) or TLS1.3 full handshake. */
export function chosenGroup(h: ClientHello, protocol: string, groups: readonly number[]): number | undefined {
  const ok = (g: number): boolean => groups.includes(g) && (protocol === 'TLS1.3' || !isFfdhe(g));
  if (protocol === 'TLS1.3') {
    const share = h.keyShares.find((g) => ok(g) && (h.groups.length === 0 || h.groups.includes(g)));
    if (share !== undefined) return share;
  }
  // No usable key share (a HelloRetryRequest follows) or TLS1.2: first shared group, client order.
  const clientGroups = h.groups.length > 0 ? h.groups : [0x17, 0x18, 0x19];
  return clientGroups.find(ok);
}

export interface ServerKey {
  /** 'rsa', 'ec', 'ed25519', 'ed448', 'rsa-pss'. */
  readonly keyType: string;
  readonly curveOid?: string;
}

const EC_SCHEME_BY_CURVE: Readonly<Record<string, number>> = {
  '1.2.840.10045.3.1.7': 0x0403,
  '1.3.132.0.34': 0x0503,
  '1.3.132.0.35': 0x0603,
};

function compatible(scheme: number, key: ServerKey, protocol: string): boolean {
  const tls13 = protocol === 'TLS1.3';
  switch (key.keyType) {
    case 'rsa':
      return [0x0804, 0x0805, 0x0806].includes(scheme) || (!tls13 && [0x0401, 0x0501, 0x0601, 0x0201].includes(scheme));
    case 'rsa-pss':
      return [0x0809, 0x080a, 0x080b].includes(scheme);
    case 'ec':
      if (tls13) return scheme === EC_SCHEME_BY_CURVE[key.curveOid ?? ''];
      return [0x0403, 0x0503, 0x0603, 0x0203].includes(scheme);
    case 'ed25519':
      return scheme === 0x0807;
    case 'ed448':
      return scheme === 0x0808;
    default:
      return false;
  }
}

/** The signature scheme of the server's handshake signature (undefined for RSA key exchange). */
export function chosenSigalg(h: ClientHello, protocol: string, key: ServerKey): number | undefined {
  if (h.sigalgs.length === 0 && protocol !== 'TLS1.3') return key.keyType === 'ec' ? 0x0203 : 0x0201;
  return h.sigalgs.find((s) => compatible(s, key, protocol));
}

/** TLS1.2 suites authenticated by an ECDSA certificate (ECDHE-ECDSA-*). */
const ECDSA_SUITES: ReadonlySet<number> = new Set([0xc009, 0xc00a, 0xc023, 0xc024, 0xc02b, 0xc02c, 0xcca9, 0xc0ac, 0xc0ad, 0xc0ae, 0xc0af]);
/** A real TLS1.2 suite: not TLS1.3, not a signalling value (renegotiation, fallback) or GREASE. */
const isTls12Suite = (c: number): boolean => (c < 0x1300 || c > 0x13ff) && c !== 0x00ff && c !== 0x5600 && (c & 0x0f0f) !== 0x0a0a;

function certUsable(h: ClientHello, key: ServerKey, tls13: boolean): boolean {
  if (tls13) return chosenSigalg(h, 'TLS1.3', key) !== undefined;
  const ecdsa = key.keyType === 'ec';
  const suiteOk = h.cipherSuites.some((c) => isTls12Suite(c) && ECDSA_SUITES.has(c) === ecdsa);
  return suiteOk && (h.sigalgs.length === 0 || chosenSigalg(h, 'TLS1.2', key) !== undefined);
}

/**
 * Which of several configured certificates (tls_certificate list, e.g. RSA then EC) to
 * present. exim4 (GnuTLS) takes the first one in configuration order the client can use: the
 * default Node client gets the RSA certificate of an RSA+EC list, a client offering only
 * ECDSA signatures or suites the EC one (oracle). OpenSSL would go by the client's signature
 * preferences instead, so the choice is made here and the context holds just that one.
 */
export function chooseCertificate(h: ClientHello, keys: readonly ServerKey[], maxVersion: string): number {
  const tls13 = maxVersion === 'TLSv1.3' && h.versions.includes(0x0304);
  const i = keys.findIndex((k) => certUsable(h, k, tls13));
  return i < 0 ? 0 : i;
}
