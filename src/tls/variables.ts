/**
 * The $tls_in_* variables of an inbound TLS session and the log facts (X=, CV=, DN=, SNI=),
 * from a finished handshake. Taint as exim4 -bd marks them on the spool (oracle spoolTls):
 * the peer's certificate, its DN and the SNI name are tainted; the rest is not.
 */
import { EMPTY, tainted, untainted, type TStr } from '../expand/types.js';
import type { TlsLogInfo } from '../log/lines/reception.js';
import type { Certificate } from './certificate.js';
import { certVariable } from './cert-vars.js';
import { RESUME } from './resumption.js';

/** Everything known about an inbound TLS session (a superset of the SMTP server's TlsState). */
export interface TlsSessionFacts {
  /** $tls_in_cipher, exim4's GnuTLS-style name (see cipher-names.ts). */
  readonly cipher: string;
  /** $tls_in_cipher_std. */
  readonly cipherStd: string;
  /** $tls_in_ver: TLS1.2, TLS1.3. */
  readonly protocol: string;
  readonly bits: number;
  readonly peerDn?: string;
  readonly sni?: string;
  readonly certificateVerified: boolean;
  /** $tls_in_resumption bits. */
  readonly resumption: number;
  readonly peerCert?: Certificate;
  readonly ourCert?: Certificate;
}

const nonEmptyTainted = (s: string | undefined): TStr => (s ? tainted(s) : EMPTY);

/** The $tls_in_* variables (and the deprecated $tls_* aliases of the inbound side). */
export function tlsInVariables(f: TlsSessionFacts): Map<string, TStr> {
  const vars = new Map<string, TStr>();
  const set = (name: string, v: TStr): void => {
    vars.set(`tls_in_${name}`, v);
  };
  set('bits', untainted(String(f.bits)));
  set('certificate_verified', untainted(f.certificateVerified ? '1' : '0'));
  set('cipher', untainted(f.cipher));
  set('cipher_std', untainted(f.cipherStd));
  set('ocsp', untainted('0')); // no OCSP stapling: "not requested"
  set('peerdn', nonEmptyTainted(f.peerDn));
  set('resumption', untainted(String(f.resumption)));
  set('sni', nonEmptyTainted(f.sni));
  set('ver', untainted(f.protocol));
  set('ourcert', f.ourCert ? certVariable(f.ourCert, false) : EMPTY);
  set('peercert', f.peerCert ? certVariable(f.peerCert, true) : EMPTY);
  for (const alias of ['bits', 'cipher', 'peerdn', 'sni', 'certificate_verified']) vars.set(`tls_${alias}`, vars.get(`tls_in_${alias}`)!);
  return vars;
}

/** The facts the log module's tlsFields() prints as X=, CV=, DN= and SNI=. */
export function tlsLogInfo(f: TlsSessionFacts): TlsLogInfo {
  return {
    cipher: f.cipher,
    resumed: (f.resumption & RESUME.RESUMED) !== 0,
    certificateVerified: f.certificateVerified ? 'yes' : 'no',
    peerDn: f.peerDn ? f.peerDn : undefined,
    sni: f.sni ? f.sni : undefined,
  };
}
