/** pipe scenarios replayed against exim4's log lines and files (test/fixtures/transports/exim.json). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { address, configText, context, deliverOne, spoolMessage, tempDir } from './helpers.js';
import { FIXTURE, ORACLE_BODY, ORACLE_OUT, listFiles, oracleHeaders, upperDates, oracleOutcome, transportSection } from './oracle.js';

const PIPE = Object.entries(FIXTURE.scenarios).filter(([, sc]) => Object.values(sc.transports).every((t) => t.includes('driver = pipe')));

/** Text of the "generated during the delivery attempt" part of exim4's bounce, if any. */
function bounceOutput(sc: (typeof FIXTURE.scenarios)[string]): string | undefined {
  const b = sc.collected['bounces'];
  const m = b && /------ p@example\.com ------\n\n([\s\S]*?)\n--<B>/.exec(b);
  return m ? m[1] : undefined;
}

for (const [name, sc] of PIPE) {
  test(`pipe oracle: ${name}`, async () => {
    const out = tempDir();
    const config = configText(transportSection(sc, out));
    const ctx = context(config, spoolMessage(oracleHeaders('p'), ORACLE_BODY));
    const r = await deliverOne(config, 'p', ctx, address('p@example.com'));
    const want = oracleOutcome(sc, 'p@example.com');
    const fix = (s?: string) => s?.replaceAll(out, ORACLE_OUT);
    assert.deepEqual({ status: r.status, errno: r.errno ?? 0, message: fix(r.message) }, { status: want.status, errno: want.errno ?? 0, message: want.message });
    const logged = sc.log.find((l) => l.includes('transport output:'));
    assert.equal(r.note ? `<ID> ${r.note}` : undefined, logged);
    const expectedOutput = bounceOutput(sc);
    // max_output: exim4 keeps what was buffered.
    if (expectedOutput !== undefined && name !== 'pipe_ok' && name !== 'pipe_max_output') assert.equal(r.output, expectedOutput);
    if (name === 'pipe_freeze_exec') assert.equal(r.freeze, true);
    const files = listFiles(out);
    const strip = (f: Record<string, string>) =>
      Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.replace(/<E[0-9A-Za-z-]+@/g, '<E<ID>@').replace(/\nPWD=[^\n]*\n/, '\n')]));
    assert.deepEqual(strip(files), strip(upperDates(sc.files)));
  });
}
