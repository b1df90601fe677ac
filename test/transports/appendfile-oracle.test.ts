/** appendfile scenarios replayed against exim4's output (test/fixtures/transports/exim.json). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { address, configText, context, deliverOne, spoolMessage, tempDir, transport } from './helpers.js';
import { FIXTURE, ORACLE_BODY, ORACLE_OUT, listFiles, oracleHeaders, upperDates, oracleOutcome, transportSection } from './oracle.js';

const EXIM_UID = 102;
const EXIM_GID = 105;

function ownedFile(path: string, mode: number): void {
  writeFileSync(path, '');
  chmodSync(path, mode);
  chownSync(path, EXIM_UID, EXIM_GID);
}

/** The same trees scripts/oracle/gen-transports.mjs builds before delivering. */
const PREPARE: Record<string, (out: string) => void> = {
  maildir_size_existing: (out) => {
    for (const d of ['new', 'cur', 'tmp', '.Sent/cur', '.Sent/new', '.Sent/tmp']) mkdirSync(join(out, 'Maildir', d), { recursive: true });
    writeFileSync(join(out, 'Maildir/cur/1000.A.host,S=500:2,S'), 'x'.repeat(500));
    writeFileSync(join(out, 'Maildir/new/1001.B.host'), 'y'.repeat(300));
    writeFileSync(join(out, 'Maildir/.Sent/cur/1002.C.host'), 'z'.repeat(200));
    writeFileSync(join(out, 'Maildir/tmp/1003.D.host'), 'w'.repeat(900));
  },
  mbox_symlink: (out) => {
    ownedFile(join(out, 'real'), 0o600);
    symlinkSync(join(out, 'real'), join(out, 'link'));
  },
  mbox_narrow_mode: (out) => ownedFile(join(out, 'mbox'), 0o600),
  mbox_narrow_mode_ok: (out) => ownedFile(join(out, 'mbox'), 0o600),
  mbox_is_directory: (out) => {
    mkdirSync(join(out, 'adir'));
    chownSync(join(out, 'adir'), EXIM_UID, EXIM_GID);
  },
  mbox_check_group: (out) => {
    ownedFile(join(out, 'mbox'), 0o600);
    chownSync(join(out, 'mbox'), EXIM_UID, 0);
  },
  mbox_file_format_other: (out) => {
    ownedFile(join(out, 'mbox'), 0o600);
    writeFileSync(join(out, 'mbox'), '\x01\x01\x01\x01\nold\n\x01\x01\x01\x01\n');
  },
  mbox_file_format_unknown: (out) => {
    ownedFile(join(out, 'mbox'), 0o600);
    writeFileSync(join(out, 'mbox'), 'XYZ\n');
  },
  mbox_file_format_same: (out) => {
    ownedFile(join(out, 'mbox'), 0o600);
    writeFileSync(join(out, 'mbox'), 'From x\n\n');
  },
  maildir_filecount: (out) => {
    for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(out, 'Maildir', d), { recursive: true });
    writeFileSync(join(out, 'Maildir/cur/1000.A.host'), 'x'.repeat(10));
  },
};
const NEEDS_ROOT = new Set(['mbox_file_format_other', 'mbox_file_format_unknown', 'mbox_file_format_same', 'mbox_symlink', 'mbox_narrow_mode', 'mbox_narrow_mode_ok', 'mbox_is_directory', 'mbox_check_group']);

const APPENDFILE = Object.entries(FIXTURE.scenarios).filter(([, sc]) => Object.values(sc.transports).every((t) => t.includes('driver = appendfile')));

for (const [name, sc] of APPENDFILE) {
  test(`appendfile oracle: ${name}`, async () => {
    const out = tempDir();
    const asRoot = process.geteuid?.() === 0;
    if (NEEDS_ROOT.has(name) && !asRoot) return;
    PREPARE[name]?.(out);
    const config = configText(transportSection(sc, out));
    const batch = (sc as { recipients?: string[] }).recipients;
    if (batch) {
      // Several recipients in one delivery: exim4's Received header then has no "for".
      const headers = oracleHeaders('mb').map((h) => h.replace(/\n\tfor mb@example\.com;/, ';'));
      const addrs = batch.map((lp) => address(`${lp}@example.com`));
      const run = await transport(config, Object.keys(sc.transports)[0]!).deliver(addrs, context(config, spoolMessage(headers, ORACLE_BODY)));
      for (const a of addrs) assert.deepEqual(run.results.get(a), { status: 'ok' });
      assert.deepEqual(withoutMessageIds(listFiles(out)), withoutMessageIds(sc.files));
      return;
    }
    for (const t of (sc as { routed?: string[] }).routed ?? Object.keys(sc.transports)) {
      const rcpt = `${t}@example.com`;
      const ctx = context(config, spoolMessage(oracleHeaders(t), ORACLE_BODY));
      const a = address(rcpt);
      // exim4 delivered as Debian-exim (102:105); as root we can take the same ids.
      if (asRoot) [a.uid, a.gid] = [EXIM_UID, EXIM_GID];
      const r = await deliverOne(config, t, ctx, a);
      const want = oracleOutcome(sc, rcpt);
      const fix = (s?: string) =>
        s?.replaceAll(out, ORACLE_OUT).replace(/\b\d{10}\.M\d+P\d+\./g, '<TIME>.M<USEC>P<PID>.').replace(/\.[0-9a-f]{8}\.[0-9a-f]{8} \(euid=\d+ egid=\d+\)/, '.<T>.<P> (ids)');
      assert.deepEqual(
        { status: r.status, errno: r.errno ?? 0, message: fix(r.message) },
        { status: want.status, errno: want.errno ?? 0, message: fix(want.message) },
      );
      const logged = sc.log.find((l) => l.includes(`<${rcpt}> R=`) || l.includes(` ${rcpt} R=`));
      const loggedTransport = logged && / T=([^\s:]+)/.exec(logged)?.[1];
      assert.equal(r.transport ?? t, loggedTransport ?? t);
      if (name === 'mbox_quota_ok_warn' || name === 'maildir_warn') {
        assert.equal(ctx.submitted.length, 1);
        assert.deepEqual(ctx.submitted[0]!.recipients, [rcpt]);
        assert.match(ctx.submitted[0]!.text, new RegExp(`^Auto-Submitted: auto-replied\nFrom: Mail Delivery System <Mailer-Daemon@example.com>\nTo: ${rcpt}\nSubject: Your mailbox\n`));
      }
    }
    // The warnings went into the same mailbox at exim4; mbox_no_dir: nothing to compare.
    if (name === 'mbox_no_dir' || name === 'mbox_quota_ok_warn' || name === 'maildir_warn') return;
    const actual = listFiles(out);
    assert.deepEqual(withoutMessageIds(actual), withoutMessageIds(withOurSize(upperDates(sc.files), actual)));
  });
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
