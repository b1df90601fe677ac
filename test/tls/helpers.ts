/** Shared set-up for the TLS tests: the committed test PKI, the exim4 oracle, contexts. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createExpandContext } from '../../src/expand/index.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import type { ExpandConfigView, ExpandContext, TStr } from '../../src/expand/types.js';
import { certificateFromPem, type Certificate } from '../../src/tls/certificate.js';

export const CERTS = resolve('test/fixtures/tls/certs');
export const pem = (name: string): Buffer => readFileSync(`${CERTS}/${name}`);
export const cert = (name: string): Certificate => certificateFromPem(pem(`${name}.pem`).toString('latin1'));

export interface OracleCase {
  readonly name: string;
  readonly note: string;
  readonly client: Record<string, unknown>;
  readonly error?: string;
  readonly info?: { protocol: string; cipher: string; standardName: string; reused: boolean; peerCertSerial?: string; error?: string };
  readonly vars: Record<string, string>;
  readonly log: string[];
  readonly spoolTls: string[];
}

export const oracle = (JSON.parse(readFileSync('test/fixtures/tls/oracle.json', 'utf8')) as { cases: OracleCase[] }).cases;
export const oracleCase = (name: string): OracleCase => {
  const c = oracle.find((x) => x.name === name);
  if (!c) throw new Error(`no oracle case ${name}`);
  return c;
};

export function view(opts: Record<string, string>): ExpandConfigView {
  return { mainOption: (n) => opts[n], namedList: () => undefined };
}

export function context(vars: Map<string, TStr> = new Map(), opts: Record<string, string> = {}): ExpandContext {
  return createExpandContext({ config: view(opts), lookups: createLookupRegistry(), vars });
}
