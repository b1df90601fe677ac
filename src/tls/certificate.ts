/**
 * X.509 certificates as the TLS variables hold them: the DER bytes plus the parsed fields
 * certextract reports (node:crypto's X509Certificate has no signature algorithm, signature
 * bytes or CRL distribution points, so the TBSCertificate is walked here).
 */
import { createHash } from 'node:crypto';
import { TlsError } from './errors.js';
import { TAG, children, derTime, oidText, readTlv, stringValue, type Tlv } from './der.js';

export interface DnAttribute {
  /** Dotted OID of the attribute type. */
  readonly oid: string;
  readonly value: string;
}

/** One RDN: usually a single attribute, several for multi-valued RDNs (joined by '+'). */
export type Rdn = readonly DnAttribute[];

export type AltName =
  | { readonly kind: 'dns' | 'mail' | 'uri'; readonly value: string }
  | { readonly kind: 'ip'; readonly value: string }
  | { readonly kind: 'other' };

export interface Certificate {
  readonly der: Buffer;
  /** 1-based, as printed (v3 = 3). */
  readonly version: number;
  /** Serial number as lower-case hex without leading zeros. */
  readonly serialHex: string;
  readonly signatureOid: string;
  readonly issuer: readonly Rdn[];
  readonly subject: readonly Rdn[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly altNames: readonly AltName[];
  readonly crlUris: readonly string[];
  readonly ocspUris: readonly string[];
  /** The signature BIT STRING's bytes (unused-bits octet removed). */
  readonly signature: Buffer;
  /** Key type of the subject public key: 'rsa', 'ec', 'ed25519', 'ed448', 'rsa-pss', 'dsa' or the OID. */
  readonly keyType: string;
  /** Named curve OID for EC keys. */
  readonly curveOid?: string;
}

const OID_SAN = '2.5.29.17';
const OID_CRL_DP = '2.5.29.31';
const OID_AIA = '1.3.6.1.5.5.7.1.1';
const OID_OCSP = '1.3.6.1.5.5.7.48.1';
const KEY_TYPES: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'rsa',
  '1.2.840.113549.1.1.10': 'rsa-pss',
  '1.2.840.10045.2.1': 'ec',
  '1.3.101.112': 'ed25519',
  '1.3.101.113': 'ed448',
  '1.2.840.10040.4.1': 'dsa',
};

/** Parses a DER certificate; throws TlsError when it is not one. */
export function parseCertificate(der: Buffer): Certificate {
  const cert = readTlv(der).tlv;
  const [tbs, sigAlg, sigBits] = children(cert.value);
  if (!tbs || !sigAlg || !sigBits || tbs.tag !== TAG.SEQUENCE) throw new TlsError('not an X.509 certificate');
  const fields = children(tbs.value);
  let i = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    version = Number(readTlv(fields[0].value).tlv.value.readUIntBE(0, 1)) + 1;
    i = 1;
  }
  const serial = fields[i]!;
  const issuer = fields[i + 2]!;
  const validity = children(fields[i + 3]!.value);
  const subject = fields[i + 4]!;
  const spki = fields[i + 5]!;
  const extensions = fields.slice(i + 6).find((f) => f.tag === 0xa3);
  const ext = extensions ? parseExtensions(readTlv(extensions.value).tlv) : { altNames: [], crlUris: [], ocspUris: [] };
  const [keyAlg] = children(spki.value);
  const [keyOid, keyParam] = children(keyAlg!.value);
  const keyOidText = oidText(keyOid!.value);
  return {
    der: Buffer.from(cert.raw),
    version,
    serialHex: serial.value.toString('hex').replace(/^0+(?=.)/, ''),
    signatureOid: oidText(children(sigAlg.value)[0]!.value),
    issuer: parseName(issuer),
    subject: parseName(subject),
    notBefore: derTime(validity[0]!),
    notAfter: derTime(validity[1]!),
    ...ext,
    signature: Buffer.from(sigBits.value.subarray(1)),
    keyType: KEY_TYPES[keyOidText] ?? keyOidText,
    curveOid: keyParam?.tag === TAG.OID ? oidText(keyParam.value) : undefined,
  };
}

/** All certificates in PEM text, in order. */
export function pemCertificates(pem: string): Buffer[] {
  const out: Buffer[] = [];
  const re = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g;
  for (const m of pem.matchAll(re)) out.push(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  return out;
}

export function certificateFromPem(pem: string): Certificate {
  const first = pemCertificates(pem)[0];
  if (!first) throw new TlsError('no certificate in PEM text');
  return parseCertificate(first);
}

export type FingerprintAlgorithm = 'md5' | 'sha1' | 'sha256';

/** Fingerprint as Exim prints it for ${md5:}/${sha1:}/${sha256:} of a certificate: upper-case hex. */
export function fingerprint(cert: Certificate, alg: FingerprintAlgorithm): string {
  return createHash(alg).update(cert.der).digest('hex').toUpperCase();
}

function parseName(name: Tlv): Rdn[] {
  return children(name.value).map((set) =>
    children(set.value).map((atv) => {
      const [type, value] = children(atv.value);
      return { oid: oidText(type!.value), value: stringValue(value!) };
    }),
  );
}

function parseExtensions(seq: Tlv): Pick<Certificate, 'altNames' | 'crlUris' | 'ocspUris'> {
  let altNames: AltName[] = [];
  let crlUris: string[] = [];
  let ocspUris: string[] = [];
  for (const extension of children(seq.value)) {
    const parts = children(extension.value);
    const oid = oidText(parts[0]!.value);
    const body = readTlv(parts[parts.length - 1]!.value).tlv;
    if (oid === OID_SAN) altNames = children(body.value).map(generalName);
    else if (oid === OID_CRL_DP) crlUris = distributionPointUris(body);
    else if (oid === OID_AIA) ocspUris = ocspUrisOf(body);
  }
  return { altNames, crlUris, ocspUris };
}

/** GeneralName: [1] rfc822Name, [2] dNSName, [6] URI, [7] iPAddress (implicitly tagged). */
function generalName(gn: Tlv): AltName {
  switch (gn.tag) {
    case 0x81:
      return { kind: 'mail', value: gn.value.toString('latin1') };
    case 0x82:
      return { kind: 'dns', value: gn.value.toString('latin1') };
    case 0x86:
      return { kind: 'uri', value: gn.value.toString('latin1') };
    case 0x87:
      return { kind: 'ip', value: ipText(gn.value) };
    default:
      return { kind: 'other' };
  }
}

function ipText(b: Buffer): string {
  if (b.length === 4) return [...b].join('.');
  const groups: string[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  return groups.join(':');
}

/** URIs of the fullName forms in CRLDistributionPoints. */
function distributionPointUris(body: Tlv): string[] {
  const out: string[] = [];
  for (const dp of children(body.value)) {
    const dpName = children(dp.value).find((t) => t.tag === 0xa0);
    if (!dpName) continue;
    const fullName = children(dpName.value).find((t) => t.tag === 0xa0);
    if (!fullName) continue;
    for (const gn of children(fullName.value)) if (gn.tag === 0x86) out.push(gn.value.toString('latin1'));
  }
  return out;
}

function ocspUrisOf(body: Tlv): string[] {
  const out: string[] = [];
  for (const ad of children(body.value)) {
    const [method, location] = children(ad.value);
    if (method && location && oidText(method.value) === OID_OCSP && location.tag === 0x86) out.push(location.value.toString('latin1'));
  }
  return out;
}
