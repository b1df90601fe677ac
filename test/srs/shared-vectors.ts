// Loader for the SRS vectors of the shared conformance folder, read in place
// (../shared/conformance/srs beside the repository; /work/shared on the build machine).
import { existsSync, readFileSync } from 'node:fs';

const CANDIDATES = [
  new URL('../../../shared/conformance/srs/', import.meta.url),
  new URL('file:///work/shared/conformance/srs/'),
];

export const SHARED_SRS_DIR = CANDIDATES.find((u) => existsSync(new URL('exim-native.json', u)));

export function readShared<T>(name: string): T | undefined {
  if (!SHARED_SRS_DIR) return undefined;
  const file = new URL(name, SHARED_SRS_DIR);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

export interface NativeEncodeVector {
  secret: string;
  return_path: string;
  orig_domain: string;
  time: number;
  expected: string;
  note: string;
}

export interface NativeDecodeVector {
  local_part: string;
  secret: string;
  time: number;
  expected: 'pass' | 'fail';
  srs_recipient: string;
  note: string;
}

export interface NativeVectors {
  encode: NativeEncodeVector[];
  decode: NativeDecodeVector[];
}

export interface ClassicVector {
  secret: string;
  address: string;
  forward_domain: string;
  time: number;
  expected: string;
  note: string;
}
