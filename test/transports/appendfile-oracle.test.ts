/** appendfile scenarios replayed against exim4's output (test/fixtures/transports/exim.json). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import * as fs from 'node:fs';
import { cpSync } from 'node:fs';
import { address, configText, context, deliverOne, spoolMessage, tempDir } from './helpers.js';
import { FIXTURE, ORACLE_BODY, ORACLE_OUT, listFiles, oracleHeaders, upperDates, oracleOutcome, transportSection } from './oracle.js';

const APPENDFILE = Object.entries(FIXTURE.scenarios).filter(([, sc]) => Object.values(sc.transports).every((t) => t.includes('driver = appendfile')));

for (const [name, sc] of APPENDFILE) {
  test(`appendfile oracle: ${name}`, async () => {
    const out = tempDir();
    if (name === 'maildir_size_existing') prepareExisting(out);
    const config = configText(transportSection(sc, out));
    for (const t of Object.keys(sc.transports)) {
      const rcpt = `${t}@example.com`;
      const ctx = context(config, spoolMessage(oracleHeaders(t), ORACLE_BODY));
      const r = await deliverOne(config, t, ctx, address(rcpt));
      const want = oracleOutcome(sc, rcpt);
      const fix = (s?: string) =>
        s?.replaceAll(out, ORACLE_OUT).replace(/\b\d{10}\.M\d+P\d+\./g, '<TIME>.M<USEC>P<PID>.').replace(/\.[0-9a-f]{8}\.[0-9a-f]{8} \(euid=\d+ egid=\d+\)/, '.<T>.<P> (ids)');
      assert.deepEqual(
        { status: r.status, errno: r.errno ?? 0, message: fix(r.message) },
        { status: want.status, errno: want.errno ?? 0, message: fix(want.message) },
      );
      if (name === 'mbox_quota_ok_warn') {
        assert.equal(ctx.submitted.length, 1);
        assert.deepEqual(ctx.submitted[0]!.recipients, ['mb@example.com']);
        assert.match(ctx.submitted[0]!.text, /^Auto-Submitted: auto-replied\nFrom: Mail Delivery System <Mailer-Daemon@example.com>\nTo: mb@example.com\nSubject: Your mailbox\n/);
      }
    }
    if (name === 'mbox_quota_ok_warn' || name === 'mbox_no_dir') return;
    const actual = listFiles(out);
    assert.deepEqual(withoutMessageIds(actual), withoutMessageIds(withOurSize(upperDates(sc.files), actual)));
  });
}

function prepareExisting(out: string): void {
  // Same tree the oracle script builds before delivering.
  const src = tempDir();
  for (const d of ['new', 'cur', 'tmp', '.Sent/cur', '.Sent/new', '.Sent/tmp']) fs.mkdirSync(join(src, 'Maildir', d), { recursive: true });
  fs.writeFileSync(join(src, 'Maildir/cur/1000.A.host,S=500:2,S'), 'x'.repeat(500));
  fs.writeFileSync(join(src, 'Maildir/new/1001.B.host'), 'y'.repeat(300));
  fs.writeFileSync(join(src, 'Maildir/.Sent/cur/1002.C.host'), 'z'.repeat(200));
  fs.writeFileSync(join(src, 'Maildir/tmp/1003.D.host'), 'w'.repeat(900));
  cpSync(src, out, { recursive: true });
}

function withoutMessageIds(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.replace(/<E[0-9A-Za-z-]+@/g, '<E<ID>@')]));
}

/**
 * The fixture's spool headers are normalised (ids, dates), so the message is shorter here than
 * exim4's: sizes exim4 recorded (maildir_tag S=, maildirsize lines) are swapped for ours.
 */
function withOurSize(expected: Record<string, string>, actual: Record<string, string>): Record<string, string> {
  const ours = Object.entries(actual).find(([n]) => /\/new\/<TIME>/.test(n));
  const theirs = Object.entries(expected).find(([n]) => /\/new\/<TIME>/.test(n));
  if (!ours || !theirs) return expected;
  const eximSize = /,S=(\d+)/.exec(theirs[0])?.[1] ?? /^(\d+) 1$/m.exec(expected['Maildir/maildirsize'] ?? '')?.[1];
  if (!eximSize) return expected;
  const size = String(Buffer.byteLength(ours[1], 'latin1'));
  const swap = (s: string) => s.replace(new RegExp(`\\b${eximSize}\\b`, 'g'), size);
  return Object.fromEntries(Object.entries(expected).map(([k, v]) => [swap(k), k.endsWith('maildirsize') ? swap(v) : v]));
}
