/** autoreply scenarios replayed against the replies exim4 generated (test/fixtures/transports/exim.json). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { address, configText, context, deliverOne, spoolMessage, tempDir, normalise } from './helpers.js';
import { FIXTURE, ORACLE_BODY, ORACLE_OUT, oracleHeaders, oracleOutcome, transportSection } from './oracle.js';
import { writeFileSync } from 'node:fs';

const AUTOREPLY = Object.entries(FIXTURE.scenarios).filter(([, sc]) => Object.values(sc.transports).every((t) => t.includes('driver = autoreply')));

/**
 * The reply as submitted, from the first message of exim4's collecting mbox: without the From_
 * line, the Received/Message-Id/Date headers and the From: the submission adds, and the mbox
 * suffix (the collecting transport's ">From " escaping stays).
 */
function submittedText(mbox: string): string {
  // Each message ends with the mbox suffix (a blank line) before the next From_ line.
  const first = mbox.split(/(?<=\n)\n(?=From MAILER-DAEMON <BSDDATE>\n)/)[0]!.replace(/\n\n$/, '\n');
  const lines = first.split('\n').slice(1);
  const out: string[] = [];
  let inHeaders = true;
  let skipping = false;
  for (const l of lines) {
    if (inHeaders && l === '') inHeaders = false;
    if (inHeaders) {
      if (/^[ \t]/.test(l) && skipping) continue;
      skipping = /^(Received|Message-Id|Date|From: Debian-exim@)/.test(l);
      if (skipping) continue;
    }
    out.push(l);
  }
  return out.join('\n');
}

for (const [name, sc] of AUTOREPLY) {
  test(`autoreply oracle: ${name}`, async () => {
    const out = tempDir();
    if (name === 'autoreply_file') writeFileSync(join(out, 'reply.txt'), 'Dear $sender_address,\nfile text.\n');
    const config = configText(transportSection(sc, out));
    const ctx = context(config, spoolMessage(oracleHeaders('ar'), ORACLE_BODY));
    const r = await deliverOne(config, 'ar', ctx, address('ar@example.com'));
    const want = oracleOutcome(sc, 'ar@example.com');
    assert.deepEqual({ status: r.status, errno: r.errno ?? 0, message: r.message?.replaceAll(out, ORACLE_OUT) }, { status: want.status, errno: want.errno ?? 0, message: want.message });
    const delivered = sc.log.filter((l) => l.includes('R=others')).map((l) => /=> \S+ <([^>]+)>/.exec(l)![1]);
    const mbox = sc.collected['bounces'];
    if (!mbox || want.status !== 'ok') {
      assert.equal(ctx.submitted.length, 0);
      return;
    }
    assert.equal(ctx.submitted.length, 1);
    const sent = ctx.submitted[0]!;
    assert.equal(sent.sender, '');
    assert.deepEqual([...sent.recipients].sort(), [...delivered].sort());
    const strip = (s: string) => normalise(s).replace(/<E[0-9A-Za-z-]+@/g, '<E<ID>@');
    // exim4's copy went through an mbox transport: escape ours the same way.
    assert.equal(strip(sent.text.replace(/^From /gm, '>From ')), strip(submittedText(mbox)));
    if (sc.files['ar.log']) {
      const log = readFileSync(join(out, 'ar.log'), 'latin1');
      assert.equal(log.slice(log.indexOf('\n')), sc.files['ar.log'].slice(sc.files['ar.log'].indexOf('\n')));
    }
  });
}

test('autoreply once: a second reply to the same To: is not sent, once_repeat allows it later', async () => {
  const out = tempDir();
  const config = configText(`ar:\n  driver = autoreply\n  to = $sender_address\n  subject = x\n  text = y\n  once = ${out}/once\n  once_file_size = 200\n  once_repeat = 1h`);
  const msg = spoolMessage(oracleHeaders('ar'), ORACLE_BODY);
  const ctx = context(config, msg);
  let now = 1_000_000;
  const timed = { ...ctx, now: () => now };
  await deliverOne(config, 'ar', timed, address('ar@example.com'));
  await deliverOne(config, 'ar', timed, address('ar@example.com'));
  assert.equal(ctx.submitted.length, 1);
  now += 3601;
  await deliverOne(config, 'ar', timed, address('ar@example.com'));
  assert.equal(ctx.submitted.length, 2);
  const file = readFileSync(join(out, 'once'));
  assert.equal(Number(file.readBigInt64LE(0)), now);
  assert.equal(file.subarray(8).toString('latin1'), 'sender@example.org\0');
});
