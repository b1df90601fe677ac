#!/usr/bin/env node
// Oracle for local submission (exim4 -bm / -t / -i ...): each case runs exim4 as root with a
// throw-away spool and log directory and `-odq` (the message stays on the queue), then records
// the exit status, stdout, stderr, the main/reject/panic log lines and every -H/-D file left on
// the spool. Writes test/fixtures/submit/cases.json. Message ids, times and dates are replaced
// by placeholders ({ID0}, {T}, {DATE}, ...) so the fixtures are stable; the header length
// prefixes of -H files become "LLL" (Mailwright's ids are longer: lengths are checked apart).
// Run as root: `node scripts/oracle/gen-submit.mjs`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT = 'test/fixtures/submit/cases.json';
const WORK = '/tmp/mailwright-gen-submit';

const ACL_DENY = 'acl_not_smtp = not_smtp\nbegin acl\nnot_smtp:\n  deny message = go away\n       log_message = refused here\n';

/** name, description, extra config, arguments (after -C conf), stdin. */
export const CASES = [
  ['sender-f', 'trusted caller sets the sender with -f', '', ['-odq', '-f', 'sender@x.example', 'rcpt'], 'Subject: hi\n\nbody\n'],
  ['no-f', 'sender is the caller: From with gecos name, -auth_id, -local', '', ['-odq', 'rcpt@y.example'], 'Subject: hi\n\nbody\n'],
  ['full-name', '-F sets the name in the From: fix-up', '', ['-odq', '-F', 'Full Name', 'rcpt'], 'Subject: hi\n\nbody\n'],
  ['full-name-and-f', '-F with -f from a trusted caller', '', ['-odq', '-f', 's@x.example', '-F', 'Full Name', 'rcpt'], 'Subject: hi\n\nbody\n'],
  ['f-joined', '-f and -F joined to their values', '', ['-odq', '-fjoined@x.example', '-FJoined', 'rcpt'], 'Subject: hi\n\nbody\n'],
  ['f-unqualified', 'unqualified -f sender gets qualify_domain', 'qualify_domain = qd.example\n', ['-odq', '-f', 'joe', 'rcpt'], 'Subject: hi\n\nbody\n'],
  ['null-sender', '-f <> makes the sender empty; no From: fix-up', '', ['-odq', '-f', '<>', 'rcpt'], 'Subject: hi\n\nbody\n'],
  ['null-sender-quotes', "-f '' makes the sender empty", '', ['-odq', '-f', '', 'rcpt'], 'Subject: hi\n\nbody\n'],
  ['dot-ends', 'a line with a single dot ends the message', '', ['-odq', '-f', 's@x.example', 'rcpt'], 'Subject: hi\n\nbody\n..two\n.\nafter\n'],
  ['dash-i', '-i: a single dot is data', '', ['-odq', '-i', '-f', 's@x.example', 'rcpt'], 'Subject: hi\n\nbody\n..two\n.\nafter\n'],
  ['dash-oi', '-oi: a single dot is data', '', ['-odq', '-oi', '-f', 's@x.example', 'rcpt'], 'Subject: hi\n\nbody\n.\nafter\n'],
  ['crlf', 'CRLF line endings become LF; CR-LF dot ends', '', ['-odq', '-f', 's@x.example', 'rcpt'], 'Subject: hi\r\n\r\nbody\r\nline\r\n.\r\nafter\r\n'],
  ['no-final-newline', 'last line without a newline', '', ['-odq', '-f', 's@x.example', 'rcpt'], 'Subject: hi\n\nno newline'],
  ['no-headers', 'first line is not a header: all body', '', ['-odq', '-f', 's@x.example', 'rcpt'], 'just a body line\nsecond\n'],
  ['empty', 'empty input', '', ['-odq', '-f', 's@x.example', 'rcpt'], ''],
  ['all-headers', 'From, Date, Message-ID present: no fix-ups', '', ['-odq', 'rcpt'],
    'From: Someone <some@x.example>\nDate: Tue, 1 Jan 2019 00:00:00 +0000\nMessage-ID: <abc@x.example>\nSubject: hi\n\nbody\n'],
  ['two-recipients', 'two recipients: no "for" in Received; comma list argument', '', ['-odq', '-f', 's@x.example', 'a@x.example, B <b@y.example>', 'c'], 'Subject: hi\n\nbody\n'],
  ['dash-t', '-t: recipients from To/Cc/Bcc, Bcc removed, arguments excluded (non-recipients tree)', '', ['-odq', '-t', 'b@mw.example', 'x@y'],
    'To: a@x.example, b, "Q" <c@x.example>\nCc: d@x.example\nBcc: e@x.example, a@x.example\nFrom: me\nSubject: t\n\nbody\n'],
  ['dash-t-only', '-t without arguments', '', ['-odq', '-t', '-f', 's@x.example'], 'To: one@x.example\nCc: two@x.example,\n three@x.example\nSubject: t\n\nbody\n'],
  ['dash-t-resent', '-t with Resent- headers: recipients from Resent-To/Cc/Bcc', '', ['-odq', '-t', '-f', 's@x.example'],
    'To: old@x.example\nResent-To: new@x.example\nResent-Bcc: hidden@x.example\nSubject: t\n\nbody\n'],
  ['dash-t-add-args', 'extract_addresses_remove_arguments = false: arguments added', 'extract_addresses_remove_arguments = false\n', ['-odq', '-t', '-f', 's@x.example', 'extra@x.example'],
    'To: one@x.example\nSubject: t\n\nbody\n'],
  ['dash-t-none', '-t and no addresses in the header', '', ['-odq', '-oep', '-t', '-f', 's@x.example'], 'Subject: t\n\nbody\n'],
  ['qualify', 'unqualified addresses in headers and envelope; qualify_domain / qualify_recipient; refolding', 'qualify_domain = qd.example\nqualify_recipient = qr.example\n', ['-odq', 'x'],
    'From: me\nReply-To: r\nSender: s\nErrors-To: e\nTo: Name <b>, c (comm), "x y" <d@e.f>\nCc: b, c, d, e, f, g, h, i\nBcc: bb\nSubject: t\n\nbody\n'],
  ['refold-long', 'a long header rewritten for qualification is refolded', '', ['-odq', '-t'],
    'To: aaaaaaaaaaaaaa@x.example,\n b, z@z, cccccccccccccccccccccccccccccc@x.example, d, e\nCc: aaaaaaaaaaaaaa@x.example, b,   z@z, group: c, d;\nSubject: t\n\nbody\n'],
  ['from-login', 'From: with just the caller\'s login is replaced', '', ['-odq', 'rcpt'], 'From: root\nSubject: t\n\nbody\n'],
  ['from-login-f', 'From: login replaced; -f used by a trusted caller: empty name', '', ['-odq', '-f', 'joe@x.example', 'rcpt'], 'From: root\nSubject: t\n\nbody\n'],
  ['resent', 'Resent- headers: Resent-Date and Resent-Message-Id fix-ups', '', ['-odq', '-f', 's@x.example', 'rcpt'], 'Resent-From: rf@x.example\nSubject: t\n\nbody\n'],
  ['removed-headers', 'Return-Path, Envelope-To, Delivery-Date removed', '', ['-odq', '-f', 's@x.example', 'rcpt'],
    'Return-Path: <rp@x.example>\nEnvelope-To: et@x.example\nDelivery-Date: Tue, 1 Jan 2019 00:00:00 +0000\nSubject: t\n\nbody\n'],
  ['acl-deny-oep', 'acl_not_smtp denies; -oep: error on stderr, status 1, reject log', ACL_DENY, ['-odq', '-oep', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['acl-deny-oeq', 'acl_not_smtp denies; -oeq as -oep', ACL_DENY, ['-odq', '-oeq', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['acl-deny-oem', 'acl_not_smtp denies; -oem (default): error mailed to the sender', 'acl_not_smtp = not_smtp\nbegin acl\nnot_smtp:\n  accept senders = :\n  deny message = go away\n',
    ['-odq', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['acl-deny-oee', 'acl_not_smtp denies; -oee: error mailed, status 0', 'acl_not_smtp = not_smtp\nbegin acl\nnot_smtp:\n  accept senders = :\n  deny message = go away\n',
    ['-odq', '-oee', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['acl-accept-headers', 'acl_not_smtp accepts, adds a header, sets variables', 'acl_not_smtp = not_smtp\nbegin acl\nnot_smtp:\n  accept add_header = X-Checked: $sender_address to $recipients\n         set acl_m_x = $recipients_count\n',
    ['-odq', '-f', 's@x.example', 'a@x.example', 'b@x.example'], 'Subject: t\n\nbody\n'],
  ['acl-start-suppress', 'acl_not_smtp_start sets suppress_local_fixups', 'acl_not_smtp_start = start\nbegin acl\nstart:\n  accept control = suppress_local_fixups\n',
    ['-odq', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['acl-discard', 'acl_not_smtp discards: logged, nothing queued', 'acl_not_smtp = not_smtp\nbegin acl\nnot_smtp:\n  discard\n', ['-odq', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['size-limit', 'message_size_limit exceeded (-oep)', 'message_size_limit = 100\n', ['-odq', '-oep', '-f', 's@x.example', 'rcpt'], `Subject: t\n\n${'x'.repeat(200)}\n`],
  ['no-recipients', 'no recipients on the command line (-oep)', '', ['-odq', '-oep', '-f', 's@x.example'], 'Subject: t\n\nbody\n'],
  ['bad-recipient', 'malformed recipient argument (-oep)', '', ['-odq', '-oep', '-f', 's@x.example', 'a@'], 'Subject: t\n\nbody\n'],
  ['queue-only', 'queue_only without -od options', 'queue_only\n', ['-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['received-text', 'received_header_text and message_id_header_text / _domain', 'received_header_text = Received: by $primary_hostname ($received_protocol) id $message_exim_id\nmessage_id_header_text = t$sender_address_local_part\nmessage_id_header_domain = ids.example\n',
    ['-odq', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['protocol-oMr', '-oMr sets the received protocol (stored tainted)', '', ['-odq', '-oMr', 'custom', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['acl-freeze-queue', 'acl_not_smtp freezes and sets an ACL variable', 'acl_not_smtp = not_smtp\nbegin acl\nnot_smtp:\n  accept control = freeze/no_tell\n         set acl_c_x = conn\n',
    ['-odq', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['dash-G', '-G from a trusted caller: no local fix-ups', '', ['-odq', '-G', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['dash-ti', '-ti: -t and -i together', '', ['-odq', '-ti', '-f', 's@x.example'], 'To: one@x.example\nSubject: t\n\nbody\n.\nmore\n'],
  ['eq-alias', '-eq is -oeq (no o)', ACL_DENY, ['-odq', '-eq', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['bad-recipient-oem', 'malformed recipient, error mailed back with the raw input', '', ['-odq', '-f', 's@x.example', 'a@'], 'Subject: t\n\nbody\n'],
  ['no-recipients-t-oem', '-t without addresses, error mailed back', '', ['-odq', '-t', '-f', 's@x.example'], 'Subject: t\n\nbody\n'],
  ['subject-selector', 'log_selector +subject +received_recipients: T= and for on the <= line', 'log_selector = +subject +received_recipients\n', ['-odq', '-f', 's@x.example', 'a@x.example', 'b'], 'Subject: Hello there\n\nbody\n'],
  ['uucp-from', 'a "From " first line sets the sender for a trusted caller and is removed', '', ['-odq', 'rcpt'], 'From joe@x.example Fri Jan  5 12:55 GMT 1997\nSubject: t\n\nbody\n'],
  ['uucp-from-f', '-f wins over the "From " line (which is still removed)', '', ['-odq', '-f', 's@x.example', 'rcpt'], 'From joe@x.example Fri Jan  5 12:55 GMT 1997\nSubject: t\n\nbody\n'],
  ['uucp-from-nomatch', 'a "From " line not matching uucp_from_pattern stays (as body)', '', ['-odq', '-f', 's@x.example', 'rcpt'], 'From somebody\nSubject: t\n\nbody\n'],
  ['bnq-header', '-bnq: header addresses left unqualified, no -allow_unqualified_* options', '', ['-odq', '-bnq', '-f', 's@x.example', 'r@x.example'], 'To: b\nFrom: me\nSubject: t\n\nbody\n'],
  ['bnq-recipient', '-bnq: an unqualified recipient argument is an error', '', ['-odq', '-oep', '-bnq', '-f', 's@x.example', 'r'], 'Subject: t\n\nbody\n'],
  ['bnq-t', '-bnq -t: addresses from the header are still qualified', '', ['-odq', '-bnq', '-t', '-f', 's'], 'To: b\nSubject: t\n\nbody\n'],
  ['acl-deny-plain', 'acl_not_smtp denies without a message (-oep)', 'acl_not_smtp = not_smtp\nbegin acl\nnot_smtp:\n  deny\n', ['-odq', '-oep', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['acl-defer', 'acl_not_smtp defers: treated as a rejection (-oep)', 'acl_not_smtp = not_smtp\nbegin acl\nnot_smtp:\n  defer message = later\n', ['-odq', '-oep', '-f', 's@x.example', 'rcpt'], 'Subject: t\n\nbody\n'],
  ['acl-deny-null-sender', 'acl_not_smtp denies a message from <> (-oem: nobody to tell)', ACL_DENY, ['-odq', '-f', '', 'rcpt'], 'Subject: t\n\nbody\n'],
];

const B62 = /(?<=^|[^0-9A-Za-z]|E)[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}(?![0-9A-Za-z])/gm;

/** Placeholders for run-specific values, in order of appearance (shared with the test). */
function normalise(text, ids) {
  let s = text.replace(B62, (id) => {
    if (!ids.includes(id)) ids.push(id);
    return `{ID${ids.indexOf(id)}}`;
  });
  s = s.replace(/-received_time_usec \.\d{6}/g, '-received_time_usec .{US}');
  s = s.replace(/\b1[6-9]\d{8}\.\d{6}\b/g, '{T}.{US}');
  s = s.replace(/\b1[6-9]\d{8}\b/g, '{T}');
  s = s.replace(/[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g, (m) => (m.includes('2019') ? m : '{DATE}'));
  s = s.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /gm, '{TS} ');
  return s;
}

/** The header part of a -H file with each "NNNf " prefix made "LLLf " (lengths differ by id size). */
function unlengthHeaders(h) {
  const cut = h.indexOf('\n\n');
  if (cut < 0) return h;
  return h.slice(0, cut + 2) + h.slice(cut + 2).replace(/^\d{3,}(.) /gm, 'LLL$1 ');
}

function read(p) {
  return existsSync(p) ? readFileSync(p).toString('latin1') : '';
}

function runCase([name, description, extra, args, stdin]) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'spool'), { recursive: true });
  mkdirSync(join(dir, 'log'), { recursive: true });
  chmodSync(dir, 0o755);
  const config = `exim_user = root\nexim_group = root\nnever_users =\nspool_directory = ${dir}/spool\nlog_file_path = ${dir}/log/%slog\nkeep_environment =\nprimary_hostname = mw.example\n${extra}`;
  writeFileSync(join(dir, 'conf'), config);
  const r = spawnSync(EXIM, ['-C', join(dir, 'conf'), ...args], { input: Buffer.from(stdin, 'latin1'), env: { PATH: '/usr/bin:/bin', TZ: 'UTC' }, timeout: 30000 });
  // exim4 delivers a mailed-back error message at once (even with -odq): let that finish so
  // the spool files are stable (the test leaves out what that delivery changes).
  if (r.stderr.length === 0 && r.status !== 0) spawnSync('sleep', ['1']);
  if (args.includes('-oee')) spawnSync('sleep', ['1']);
  const ids = [];
  const input = join(dir, 'spool', 'input');
  const files = existsSync(input) ? readdirSync(input).filter((f) => f.endsWith('-H')).sort() : [];
  // Queued ids first, in spool order (the submitted message, then any error message).
  for (const f of files) ids.push(f.slice(0, -2));
  const messages = files.map((f) => ({
    H: unlengthHeaders(normalise(read(join(input, f)), ids)),
    D: normalise(read(join(input, `${f.slice(0, -2)}-D`)), ids),
  }));
  return {
    name, description, config: extra, args, stdin,
    status: r.status,
    stdout: normalise(r.stdout.toString('latin1'), ids),
    stderr: normalise(r.stderr.toString('latin1'), ids),
    mainlog: normalise(read(join(dir, 'log', 'mainlog')), ids),
    rejectlog: normalise(read(join(dir, 'log', 'rejectlog')), ids),
    paniclog: normalise(read(join(dir, 'log', 'paniclog')), ids),
    messages,
  };
}

mkdirSync(WORK, { recursive: true });
mkdirSync('test/fixtures/submit', { recursive: true });
const only = process.argv[2];
const results = CASES.filter((c) => !only || c[0] === only).map(runCase);
if (only) console.log(JSON.stringify(results, null, 1));
else writeFileSync(OUT, JSON.stringify(results, null, 1) + '\n');
console.error(`${results.length} cases`);
