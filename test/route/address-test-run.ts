/**
 * Runs -bt/-bv/-bvs in-process for the oracle replays (test/route/bt-oracle, remote-bt):
 * stdout and stderr captured as bytes (latin1), a configuration error written as exim4
 * does on stderr with its time stamp shown as `TIMESTAMP`, and the exit status.
 */
import { PassThrough, Readable } from 'node:stream';
import { runAddressTest, type AddressTestOptions } from '../../src/cli/address-test.js';
import { ConfigError } from '../../src/util/errors.js';

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('latin1') };
}

export async function captureAddressTest(opts: AddressTestOptions, stdin = ''): Promise<{ stdout: string; stderr: string; status: number }> {
  const out = collect();
  const err = collect();
  let status: number;
  try {
    status = await runAddressTest(opts, Readable.from([stdin]), out.stream, err.stream);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const text = e.line !== undefined ? `Exim configuration error in line ${e.line} of ${e.file}:\n  ${e.message}` : e.message;
    err.stream.write(`TIMESTAMP ${text}\n`);
    status = 1;
  }
  await new Promise((r) => setImmediate(r));
  return { stdout: out.text(), stderr: err.text(), status };
}
