/**
 * Cipher naming as Debian's exim4 (GnuTLS) logs it in X= and sets $tls_in_cipher, built from
 * what Node/OpenSSL negotiated. exim4 turns GnuTLS's session description
 * "(TLS1.2)-(ECDHE-X25519)-(RSA-PSS-RSAE-SHA256)-(AES-128-GCM)" into
 * "TLS1.2:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_128_GCM:128": protocol, then the key exchange
 * with its group, the signature scheme, the bulk cipher and (CBC only) the MAC, joined by "__",
 * then the cipher's key bits. Observed forms (test/fixtures/tls/oracle.json):
 *   TLS1.3 full      TLS1.3:ECDHE_SECP256R1__ECDSA_SECP256R1_SHA256__AES_128_GCM:128
 *   TLS1.3 resumed   TLS1.3:(AES_256_GCM:256             (sic: a bare parenthesis)
 *   TLS1.2 ECDHE     TLS1.2:ECDHE_X25519__ECDSA_SHA256__CHACHA20_POLY1305:256
 *   TLS1.2 CBC       TLS1.2:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_CBC__SHA1:256
 *   TLS1.2 DHE       TLS1.2:DHE_CUSTOM2048__RSA_PSS_RSAE_SHA256__AES_256_GCM:256
 *   TLS1.2 RSA kx    TLS1.2:RSA__AES_128_GCM:128
 *   TLS1.2 resumed   TLS1.2:ECDHE_X25519__AES_128_GCM:128 (no signature part)
 * $tls_in_cipher_std is the RFC name; for TLS1.3 exim4 reports it as if the suite were an
 * ECDHE_RSA TLS1.2 one (TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384), whatever the certificate.
 */

export const GROUP_NAMES: Readonly<Record<number, string>> = {
  0x0017: 'SECP256R1',
  0x0018: 'SECP384R1',
  0x0019: 'SECP521R1',
  0x001d: 'X25519',
  0x001e: 'X448',
  0x0100: 'FFDHE2048',
  0x0101: 'FFDHE3072',
  0x0102: 'FFDHE4096',
  0x0103: 'FFDHE6144',
  0x0104: 'FFDHE8192',
};

/** Signature schemes by code; TLS1.2 names ECDSA schemes without the curve. */
const SIGALG_NAMES: Readonly<Record<number, string>> = {
  0x0201: 'RSA_SHA1',
  0x0203: 'ECDSA_SHA1',
  0x0401: 'RSA_SHA256',
  0x0501: 'RSA_SHA384',
  0x0601: 'RSA_SHA512',
  0x0403: 'ECDSA_SECP256R1_SHA256',
  0x0503: 'ECDSA_SECP384R1_SHA384',
  0x0603: 'ECDSA_SECP521R1_SHA512',
  0x0804: 'RSA_PSS_RSAE_SHA256',
  0x0805: 'RSA_PSS_RSAE_SHA384',
  0x0806: 'RSA_PSS_RSAE_SHA512',
  0x0807: 'EdDSA_Ed25519',
  0x0808: 'EdDSA_Ed448',
  0x0809: 'RSA_PSS_SHA256',
  0x080a: 'RSA_PSS_SHA384',
  0x080b: 'RSA_PSS_SHA512',
};

export function sigalgName(code: number, protocol: string): string {
  const name = SIGALG_NAMES[code] ?? `0x${code.toString(16).padStart(4, '0')}`;
  if (protocol !== 'TLS1.3') {
    const m = /^ECDSA_SECP\d+R1_(SHA\d+)$/.exec(name);
    if (m) return `ECDSA_${m[1]}`;
  }
  return name;
}

export interface NegotiatedCipher {
  /** Exim's protocol text: TLS1.2, TLS1.3. */
  readonly protocol: string;
  /** RFC name of the suite (Node's getCipher().standardName). */
  readonly standardName: string;
  /** Key-exchange group code (ECDHE/DHE), when known. */
  readonly group?: number;
  /** Bits of a TLS1.2 DHE prime (a non-standard group). */
  readonly dhBits?: number;
  /** Signature scheme code of the server's key-exchange signature. */
  readonly sigalg?: number;
  readonly resumed: boolean;
}

/** Node's "TLSv1.3" → "TLS1.3". */
export function eximProtocol(nodeProtocol: string | null): string {
  return (nodeProtocol ?? '').replace(/^TLSv1$/, 'TLS1.0').replace(/^TLSv/, 'TLS');
}

interface SuiteParts {
  kx: 'ECDHE' | 'DHE' | 'RSA' | 'TLS13';
  cipher: string;
  mac?: string;
}

/** Splits an RFC suite name into key exchange, GnuTLS-style cipher and (CBC) MAC. */
export function suiteParts(standardName: string): SuiteParts {
  const tls13 = /^TLS_(AES_\d+_GCM|CHACHA20_POLY1305|AES_\d+_CCM(?:_8)?)_SHA\d+$/.exec(standardName);
  if (tls13) return { kx: 'TLS13', cipher: tls13[1]! };
  const m = /^TLS_(\w+?)_WITH_(\w+)$/.exec(standardName);
  if (!m) return { kx: 'RSA', cipher: standardName };
  const kx = m[1]!.startsWith('ECDHE') ? 'ECDHE' : m[1]!.startsWith('DHE') ? 'DHE' : 'RSA';
  const rest = m[2]!.replace(/^3DES_EDE_CBC/, '3DES_CBC');
  const aead = /^(.*(?:GCM|POLY1305))_SHA\d+$/.exec(rest);
  if (aead) return { kx, cipher: aead[1]! };
  if (/CCM(_8)?$/.test(rest)) return { kx, cipher: rest };
  const cbc = /^(.*_CBC)_(SHA\d*|MD5)$/.exec(rest);
  if (cbc) return { kx, cipher: cbc[1]!, mac: cbc[2] === 'SHA' ? 'SHA1' : cbc[2] };
  return { kx, cipher: rest };
}

/** Key bits of the bulk cipher, as exim4 appends them. */
export function cipherBits(standardName: string): number {
  const { cipher } = suiteParts(standardName);
  if (cipher.startsWith('CHACHA20')) return 256;
  if (cipher.startsWith('3DES')) return 192;
  const m = /_(\d+)_/.exec(`${cipher}_`);
  return m ? Number(m[1]) : 0;
}

function kxText(kx: SuiteParts['kx'], n: NegotiatedCipher): string {
  if (kx === 'RSA') return 'RSA';
  const dh = kx === 'DHE' || (n.group !== undefined && n.group >= 0x100 && n.group < 0x200);
  if (dh && n.protocol !== 'TLS1.3') return `DHE_CUSTOM${n.dhBits ?? 2048}`;
  return `${dh ? 'DHE' : 'ECDHE'}_${GROUP_NAMES[n.group ?? 0x1d] ?? 'X25519'}`;
}

/** $tls_in_cipher / X= text. */
export function eximCipherName(n: NegotiatedCipher): string {
  const parts = suiteParts(n.standardName);
  const bits = cipherBits(n.standardName);
  const tail = [parts.cipher, ...(parts.mac ? [parts.mac] : [])].join('__');
  if (n.protocol === 'TLS1.3' && n.resumed) return `${n.protocol}:(${tail}:${bits}`;
  const kx = kxText(parts.kx === 'TLS13' ? 'ECDHE' : parts.kx, n);
  const sig = !n.resumed && kx !== 'RSA' && n.sigalg !== undefined ? [sigalgName(n.sigalg, n.protocol)] : [];
  return `${n.protocol}:${[kx, ...sig, tail].join('__')}:${bits}`;
}

/** $tls_in_cipher_std. */
export function eximCipherStd(n: Pick<NegotiatedCipher, 'protocol' | 'standardName'>): string {
  if (n.protocol === 'TLS1.3' && /^TLS_(AES|CHACHA20)/.test(n.standardName)) return `TLS_ECDHE_RSA_WITH_${n.standardName.slice(4)}`;
  return n.standardName;
}
