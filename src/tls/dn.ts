/**
 * Distinguished Names in the form Debian's exim4 (GnuTLS) prints them for $tls_in_peerdn, DN=
 * and certextract: RFC 4514 escaping, but the RDNs in encoding order (C first, CN last when the
 * issuer wrote them so), attribute types by GnuTLS's short names, EMAIL for emailAddress.
 */
import type { Rdn } from './certificate.js';

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'surName',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'givenName',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'EMAIL',
};

/** RFC 4514 escaping of an attribute value. */
export function escapeDnValue(v: string): string {
  let out = v.replace(/[,+"\\<>;]/g, (c) => `\\${c}`);
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `;
  return out;
}

export function attributeName(oid: string): string {
  return SHORT_NAMES[oid] ?? oid;
}

/** The DN text: RDNs joined by ',', attributes of one RDN by '+'. */
export function dnText(rdns: readonly Rdn[]): string {
  return rdns.map((rdn) => rdn.map((a) => `${attributeName(a.oid)}=${escapeDnValue(a.value)}`).join('+')).join(',');
}

/**
 * Values of the RDN elements whose type is `label` (case-insensitive), as certextract's
 * `subject,CN` modifier gives them: taken from the DN text, where only the escaping of commas
 * is undone (exim4 leaves `\+` and the other escapes in place).
 */
export function dnElements(rdns: readonly Rdn[], label: string): string[] {
  const want = label.toUpperCase();
  const out: string[] = [];
  for (const element of splitUnescaped(dnText(rdns), ',')) {
    const eq = element.indexOf('=');
    if (eq < 0 || element.slice(0, eq).toUpperCase() !== want) continue;
    out.push(element.slice(eq + 1).replace(/\\,/g, ','));
  }
  return out;
}

function splitUnescaped(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[++i]!;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}
