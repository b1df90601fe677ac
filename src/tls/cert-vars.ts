/**
 * Certificate variables ($tls_in_peercert, $tls_in_ourcert, $tls_out_*): how they live in an
 * ExpandContext's variable map and what the expansion core does with them.
 *
 * A certificate variable's value is a TStr whose text is "<cert>" (what exim4 prints when one
 * is expanded as a string) carrying the parsed certificate in an extra `cert` property; an
 * unset one is absent or empty. Only certextract and the md5/sha1/sha256/base64 operators with
 * the variable as their whole argument look at the certificate itself (exim4 behaviour,
 * test/fixtures/tls/oracle.json): md5/sha1/sha256 give the upper-case hex fingerprint of the
 * DER form and base64 the DER in base64; with no certificate they work on the variable's NAME
 * (so ${md5:$tls_in_peercert} without a peer certificate is md5("tls_in_peercert")).
 */
import { createHash } from 'node:crypto';
import type { TStr } from '../expand/types.js';
import { certExtract, type CertExtractOptions } from './cert-extract.js';
import { fingerprint, type Certificate } from './certificate.js';

export const CERT_VARIABLES: ReadonlySet<string> = new Set(['tls_in_ourcert', 'tls_in_peercert', 'tls_out_ourcert', 'tls_out_peercert']);

export interface CertTStr extends TStr {
  readonly cert: Certificate;
}

/** The variable value for a certificate (tainted for peer certificates, as exim4 marks them). */
export function certVariable(cert: Certificate, tainted: boolean): CertTStr {
  return { s: '<cert>', tainted, cert };
}

export function certificateOf(v: TStr | undefined): Certificate | undefined {
  const c = (v as Partial<CertTStr> | undefined)?.cert;
  return c && Buffer.isBuffer(c.der) ? c : undefined;
}

export type CertOperator = 'md5' | 'sha1' | 'sha256' | 'base64';
const CERT_OPERATORS: ReadonlySet<string> = new Set<CertOperator>(['md5', 'sha1', 'sha256', 'base64']);

/** Whether `${op:$name}` gets certificate treatment (sha2/sha2_N do not: they hash "<cert>"). */
export function isCertOperator(op: string, params: readonly string[], varName: string): op is CertOperator {
  return params.length === 0 && CERT_OPERATORS.has(op) && CERT_VARIABLES.has(varName);
}

/**
 * Result of `${op:$name}` for a certificate variable. The text is never tainted by exim4's
 * rules for fingerprints of our own data; for peer certificates the caller keeps the taint.
 */
export function certOperatorValue(op: CertOperator, varName: string, value: TStr | undefined): string {
  const cert = certificateOf(value);
  if (cert) return op === 'base64' ? cert.der.toString('base64') : fingerprint(cert, op);
  const name = Buffer.from(varName, 'latin1');
  switch (op) {
    case 'base64':
      return name.toString('base64');
    case 'md5':
      return createHash('md5').update(name).digest('hex');
    default:
      return createHash(op).update(name).digest('hex').toUpperCase();
  }
}

/** certextract on a variable value: undefined when unset or when the field is absent. */
export function certExtractFromValue(field: string, value: TStr | undefined, opts?: CertExtractOptions): string | undefined {
  const cert = certificateOf(value);
  return cert ? certExtract(field, cert, opts) : undefined;
}
