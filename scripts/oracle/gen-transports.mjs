#!/usr/bin/env node
// Oracle for the local transports (appendfile, pipe, autoreply): each scenario is a small
// configuration whose routers send one local part each to the transport of the same name;
// exim4 -odi delivers a fixed message and the script records the files written (names and
// contents), the main log lines and the bounce (delivered to an mbox), with times, ids, pids
// and inode numbers normalised. Writes test/fixtures/transports/exim.json.
// exim4 gives up root for -C configurations, so deliveries run as Debian-exim in 0777 dirs.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, symlinkSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const OUT = 'test/fixtures/transports/exim.json';
const WORK = '/tmp/mailwright-gen-transports';
const EXIM = '/usr/sbin/exim4';
const USER = 'Debian-exim';

/** A tiny LMTP server on stdin/stdout whose replies come from argv (greet=, lhlo=, mail=, rcpt=a,b, data=a,b). */
const LMTP_SERVER = `import sys
cfg = dict(a.split('=', 1) for a in sys.argv[1:])
def say(code, text='ok'):
    sys.stdout.write(code + ' ' + text + '\\r\\n'); sys.stdout.flush()
rcpts = cfg.get('rcpt', '250').split(',')
datas = cfg.get('data', '250').split(',')
say(cfg.get('greet', '220'), 'lmtp.test ready')
n = 0
accepted = 0
log = open(cfg['log'], 'w') if 'log' in cfg else None
while True:
    line = sys.stdin.readline()
    if not line: break
    if log: log.write(line); log.flush()
    cmd = line.strip().upper()
    if cmd.startswith('LHLO'):
        code = cfg.get('lhlo', '250')
        if code == '250':
            sys.stdout.write('250-lmtp.test\\r\\n250-PIPELINING\\r\\n250 IGNOREQUOTA\\r\\n'); sys.stdout.flush()
        else: say(code, 'no lhlo')
    elif cmd.startswith('MAIL'):
        if cfg.get('mail') == 'hang':
            import time; time.sleep(5)
        say(cfg.get('mail', '250'), 'sender ok')
    elif cmd.startswith('RCPT'):
        c = rcpts[min(n, len(rcpts) - 1)]; n += 1
        if c == '250': accepted += 1
        say(c, 'rcpt reply ' + str(n))
    elif cmd == 'DATA':
        say('354', 'go ahead')
        while True:
            l = sys.stdin.readline()
            if log: log.write(l); log.flush()
            if not l or l.rstrip('\\r\\n') == '.': break
        for i in range(accepted): say(datas[min(i, len(datas) - 1)], 'data reply ' + str(i + 1))
    elif cmd == 'QUIT':
        say('221', 'bye'); break
    else: say('500', 'what')
`;

const lmtpScenario = (args, lps = ['lm']) => ({
  lps,
  t: { lm: ['driver = lmtp', `command = /usr/bin/python3 OUT/lmtpd.py log=OUT/session ${args}`, 'batch_max = 5'] },
  prepare: (out) => { writeFileSync(join(out, 'lmtpd.py'), LMTP_SERVER); openAll(out); },
});

const MESSAGE = 'Subject: hi\nTo: someone@example.com\n\nFrom me\n>From x\n.dot line\nbody\n';

/** name -> { transports: {name: body lines}, rcpts: local parts, extra main options, prepare(out) } */
const SCENARIOS = {
  mbox_basic: { t: { mb: ['driver = appendfile', 'file = OUT/mbox'] } },
  mbox_headers: {
    t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'return_path_add', 'envelope_to_add', 'delivery_date_add',
      'headers_add = X-Added: yes\\nX-Second: $local_part_data', 'headers_remove = to'] },
  },
  mbox_custom_prefix: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'message_prefix = ==start $sender_address\\n', 'message_suffix = ==end\\n', 'check_string = .', 'escape_string = !'] } },
  mbox_bsmtp: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'use_bsmtp', 'use_crlf'] } },
  mbox_body_only: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'body_only', 'message_prefix ='] } },
  mbox_headers_only: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'headers_only'] } },
  mbox_tainted: { t: { mb: ['driver = appendfile', 'file = OUT/$local_part'] } },
  mbox_quota: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'quota = 100'] } },
  mbox_quota_ok_warn: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'quota = 10K', 'quota_warn_threshold = 1'] } },
  mbox_file_must_exist: { t: { mb: ['driver = appendfile', 'file = OUT/missing', 'file_must_exist'] } },
  mbox_not_absolute: { t: { mb: ['driver = appendfile', 'file = relative/mbox'] } },
  mbox_no_dir: { t: { mb: ['driver = appendfile', 'file = OUT/sub/dir/mbox', 'create_directory = false'] } },
  mbox_create_dir: { t: { mb: ['driver = appendfile', 'file = OUT/sub/dir/mbox'] } },
  mbox_filter: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'transport_filter = /usr/bin/tr a-z A-Z'] } },
  mbox_filter_fail: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', "transport_filter = /bin/sh -c 'cat; exit 3'"] } },
  mbox_filter_relative: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'transport_filter = tr a b'] } },
  mbox_filter_stderr: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', "transport_filter = /bin/sh -c 'echo warn >&2; cat'"] } },
  mbox_symlink: {
    t: { mb: ['driver = appendfile', 'file = OUT/link'] },
    prepare: (out) => { ownedFile(join(out, 'real'), 0o600); symlinkSync(join(out, 'real'), join(out, 'link')); },
  },
  mbox_narrow_mode: {
    t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'mode = 0660'] },
    prepare: (out) => ownedFile(join(out, 'mbox'), 0o600),
  },
  mbox_narrow_mode_ok: {
    t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'mode = 0660', 'mode_fail_narrower = false'] },
    prepare: (out) => ownedFile(join(out, 'mbox'), 0o600),
  },
  mbox_is_directory: {
    t: { mb: ['driver = appendfile', 'file = OUT/adir'] },
    prepare: (out) => { mkdirSync(join(out, 'adir')); chownSync(join(out, 'adir'), EXIM_UID, EXIM_GID); },
  },
  mbox_check_group: {
    t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'check_group', 'mode = 0600'] },
    prepare: (out) => { ownedFile(join(out, 'mbox'), 0o600); chownSync(join(out, 'mbox'), EXIM_UID, 0); },
  },
  mbox_quota_no_check: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'quota = 100/no_check'] } },
  maildir_filecount: {
    t: { md: ['driver = appendfile', 'directory = OUT/Maildir', 'maildir_format', 'maildir_use_size_file', 'quota = 10M', 'quota_filecount = 1'] },
    prepare: (out) => {
      for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(out, 'Maildir', d), { recursive: true, mode: 0o777 });
      writeFileSync(join(out, 'Maildir/cur/1000.A.host'), 'x'.repeat(10));
      openAll(out);
    },
  },
  maildir_tag_alnum: { t: { md: ['driver = appendfile', 'directory = OUT/Maildir', 'maildir_format', 'maildir_tag = 2,S'] } },
  maildir_warn: { t: { md: ['driver = appendfile', 'directory = OUT/Maildir', 'maildir_format', 'quota = 1K', 'quota_warn_threshold = 10%'] } },
  mbox_file_format_other: {
    t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'file_format = "From : mb : \\1\\1\\1\\1\\n : mmdf"'],
      mmdf: ['driver = appendfile', 'file = OUT/mbox', 'message_prefix = "\\1\\1\\1\\1\\n"', 'message_suffix = "\\1\\1\\1\\1\\n"', 'check_string = "\\1\\1\\1\\1\\n"', 'escape_string = "\\1\\1\\1\\1 \\n"'] },
    only: ['mb'],
    prepare: (out) => { ownedFile(join(out, 'mbox'), 0o600); writeFileSync(join(out, 'mbox'), '\x01\x01\x01\x01\nold\n\x01\x01\x01\x01\n'); },
  },
  mbox_file_format_unknown: {
    t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'file_format = "From : mb"'] },
    prepare: (out) => { ownedFile(join(out, 'mbox'), 0o600); writeFileSync(join(out, 'mbox'), 'XYZ\n'); },
  },
  mbox_file_format_same: {
    t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'file_format = "From : mb"'] },
    prepare: (out) => { ownedFile(join(out, 'mbox'), 0o600); writeFileSync(join(out, 'mbox'), 'From x\n\n'); },
  },
  mbox_batch: {
    lps: ['mb', 'mb2'],
    t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'batch_max = 5', 'envelope_to_add', 'return_path_add', 'use_bsmtp'] },
  },
  mbox_expand_fail: { t: { mb: ['driver = appendfile', 'file = ${lookup{x}lsearch{/nonexistent/f}}'] } },
  mbox_size_limit: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'message_size_limit = 100'] } },
  mbox_return_path: { t: { mb: ['driver = appendfile', 'file = OUT/mbox', 'return_path = bounces+$local_part_data@example.net', 'return_path_add'] } },
  maildir_basic: { t: { md: ['driver = appendfile', 'directory = OUT/Maildir', 'maildir_format'] } },
  maildir_tag: { t: { md: ['driver = appendfile', 'directory = OUT/Maildir', 'maildir_format', 'maildir_tag = ,S=$message_size'] } },
  maildir_size: { t: { md: ['driver = appendfile', 'directory = OUT/Maildir', 'maildir_format', 'maildir_use_size_file', 'quota = 10K', 'quota_filecount = 5'] } },
  maildir_size_existing: {
    t: { md: ['driver = appendfile', 'directory = OUT/Maildir', 'maildir_format', 'maildir_use_size_file', 'quota = 10K'] },
    prepare: (out) => {
      for (const d of ['new', 'cur', 'tmp', '.Sent/cur', '.Sent/new', '.Sent/tmp']) mkdirSync(join(out, 'Maildir', d), { recursive: true, mode: 0o777 });
      writeFileSync(join(out, 'Maildir/cur/1000.A.host,S=500:2,S'), 'x'.repeat(500));
      writeFileSync(join(out, 'Maildir/new/1001.B.host'), 'y'.repeat(300));
      writeFileSync(join(out, 'Maildir/.Sent/cur/1002.C.host'), 'z'.repeat(200));
      writeFileSync(join(out, 'Maildir/tmp/1003.D.host'), 'w'.repeat(900));
      openAll(out);
    },
  },
  maildir_quota_exceeded: { t: { md: ['driver = appendfile', 'directory = OUT/Maildir', 'maildir_format', 'maildir_use_size_file', 'quota = 100'] } },
  maildir_folder: { t: { md: ['driver = appendfile', 'directory = OUT/Maildir/.Sub', 'maildir_format', 'maildirfolder_create_regex = /\\.[^/]+$'] } },
  directory_plain: { t: { dr: ['driver = appendfile', 'directory = OUT/dir'] } },
  pipe_ok: { t: { p: ['driver = pipe', 'command = /bin/cat', 'return_output'] } },
  pipe_exit1: { t: { p: ['driver = pipe', "command = /bin/sh -c 'echo oops; exit 1'"] } },
  pipe_exit1_return_output: { t: { p: ['driver = pipe', "command = /bin/sh -c 'echo oops; exit 1'", 'return_fail_output'] } },
  pipe_exit75: { t: { p: ['driver = pipe', "command = /bin/sh -c 'exit 75'"] } },
  pipe_output_ok: { t: { p: ['driver = pipe', "command = /bin/sh -c 'cat >/dev/null; echo said something'", 'return_output'] } },
  pipe_ignore_status: { t: { p: ['driver = pipe', "command = /bin/sh -c 'exit 3'", 'ignore_status'] } },
  pipe_timeout: { t: { p: ['driver = pipe', 'command = /bin/sleep 5', 'timeout = 1s'] } },
  pipe_timeout_defer: { t: { p: ['driver = pipe', 'command = /bin/sleep 5', 'timeout = 1s', 'timeout_defer'] } },
  pipe_not_found: { t: { p: ['driver = pipe', 'command = /nonexistent/prog arg'] } },
  pipe_relative: { t: { p: ['driver = pipe', 'command = cat'] } },
  pipe_relative_restricted: { t: { p: ['driver = pipe', 'command = cat', 'restrict_to_path', 'path = /usr/bin'] } },
  pipe_allow_commands: { t: { p: ['driver = pipe', 'command = /bin/cat', 'allow_commands = /bin/true'] } },
  pipe_tainted: { t: { p: ['driver = pipe', 'command = /bin/echo $local_part'] } },
  pipe_env: {
    t: { p: ['driver = pipe', "command = /bin/sh -c 'env | LC_ALL=C sort > OUT/env; cat > OUT/msg'", 'environment = EXTRA=1 : OTHER=two'] },
  },
  pipe_signal: { t: { p: ['driver = pipe', "command = /bin/sh -c 'kill -KILL \\$\\$'"] } },
  pipe_filter_fail: { t: { p: ['driver = pipe', 'command = /bin/cat', "transport_filter = /bin/sh -c 'cat; exit 3'"] } },
  pipe_filter: { t: { p: ['driver = pipe', 'command = /bin/sh -c "cat > OUT/filtered"', 'transport_filter = /usr/bin/tr a-z A-Z'] } },
  pipe_exit73: { t: { p: ['driver = pipe', "command = /bin/sh -c 'exit 73'"] } },
  pipe_temp_errors: { t: { p: ['driver = pipe', "command = /bin/sh -c 'exit 9'", 'temp_errors = 9 : 10'] } },
  pipe_temp_errors_star: { t: { p: ['driver = pipe', "command = /bin/sh -c 'exit 2'", 'temp_errors = *'] } },
  pipe_not_executable: { t: { p: ['driver = pipe', 'command = /etc/hostname'] } },
  pipe_relative_missing: { t: { p: ['driver = pipe', 'command = nosuchcommand-xyz'] } },
  pipe_restrict_slash: { t: { p: ['driver = pipe', 'command = /bin/cat', 'restrict_to_path'] } },
  pipe_log_output: { t: { p: ['driver = pipe', "command = /bin/sh -c 'echo first line; echo second; exit 0'", 'log_output'] } },
  pipe_log_fail_output: { t: { p: ['driver = pipe', "command = /bin/sh -c 'echo bad thing; exit 1'", 'log_fail_output'] } },
  pipe_max_output: { t: { p: ['driver = pipe', "command = /bin/sh -c 'cat >/dev/null; yes | head -c 5000; exit 1'", 'return_fail_output', 'max_output = 100'] } },
  pipe_shell_tainted: { t: { p: ['driver = pipe', 'command = echo $local_part', 'use_shell'] } },
  pipe_expand_fail: { t: { p: ['driver = pipe', 'command = /bin/echo ${lookup{x}lsearch{/nonexistent/file}}'] } },
  pipe_freeze_exec: { t: { p: ['driver = pipe', 'command = /nonexistent/prog', 'freeze_exec_fail'] } },
  pipe_prefix_crlf: { t: { p: ['driver = pipe', 'command = /bin/sh -c "cat > OUT/crlf"', 'use_crlf', 'message_prefix = PREFIX\\n', 'message_suffix = SUFFIX\\n', 'check_string = .', 'escape_string = ..'] } },
  pipe_use_shell: { t: { p: ['driver = pipe', 'command = cat > OUT/shell-out; exit 0', 'use_shell'] } },
  pipe_bsmtp: { t: { p: ['driver = pipe', 'command = /bin/sh -c "cat > OUT/bsmtp"', 'use_bsmtp'] } },
  autoreply_file: {
    t: { ar: ['driver = autoreply', 'from = auto@example.com', 'to = $sender_address', 'subject = File', 'text = Before file', 'file = OUT/reply.txt', 'file_expand'] },
    prepare: (out) => { writeFileSync(join(out, 'reply.txt'), 'Dear $sender_address,\nfile text.\n'); openAll(out); },
  },
  autoreply_file_missing: {
    t: { ar: ['driver = autoreply', 'from = auto@example.com', 'to = $sender_address', 'subject = File', 'file = OUT/none.txt'] },
  },
  autoreply_file_optional: {
    t: { ar: ['driver = autoreply', 'from = auto@example.com', 'to = $sender_address', 'subject = File', 'text = only text', 'file = OUT/none.txt', 'file_optional'] },
  },
  autoreply_never_mail: {
    t: { ar: ['driver = autoreply', 'to = $sender_address, other@example.net', 'never_mail = sender@example.org', 'subject = x', 'text = y'] },
  },
  autoreply_never_mail_all: {
    t: { ar: ['driver = autoreply', 'to = $sender_address', 'never_mail = *@example.org', 'subject = x', 'text = y'] },
  },
  autoreply_once_db: {
    t: { ar: ['driver = autoreply', 'to = $sender_address', 'subject = x', 'text = y', 'once = OUT/oncedb', 'once_repeat = 1d'] },
  },
  autoreply_no_to: {
    t: { ar: ['driver = autoreply', 'subject = x', 'text = y'] },
  },
  lmtp_ok: lmtpScenario('', ['lm', 'lm2']),
  lmtp_rcpt_fail: lmtpScenario('rcpt=250,550', ['lm', 'lm2']),
  lmtp_rcpt_defer: lmtpScenario('rcpt=451', ['lm']),
  lmtp_data_mixed: lmtpScenario('data=250,452', ['lm', 'lm2']),
  lmtp_data_fail: lmtpScenario('data=554', ['lm']),
  lmtp_mail_fail: lmtpScenario('mail=550', ['lm']),
  lmtp_mail_defer: lmtpScenario('mail=451', ['lm']),
  lmtp_greeting_fail: lmtpScenario('greet=554', ['lm']),
  lmtp_lhlo_fail: lmtpScenario('lhlo=500', ['lm']),
  lmtp_ignore_quota: { ...lmtpScenario('', ['lm']), t: { lm: ['driver = lmtp', 'command = /usr/bin/python3 OUT/lmtpd.py log=OUT/session', 'ignore_quota'] } },
  lmtp_timeout: { ...lmtpScenario('', ['lm']), t: { lm: ['driver = lmtp', 'command = /usr/bin/python3 OUT/lmtpd.py mail=hang', 'timeout = 1s'] } },
  lmtp_filter_fail: { ...lmtpScenario('', ['lm']), t: { lm: ['driver = lmtp', 'command = /usr/bin/python3 OUT/lmtpd.py', "transport_filter = /bin/sh -c 'cat; exit 3'"] } },
  lmtp_no_server: { t: { lm: ['driver = lmtp', 'command = /bin/true'] } },
  autoreply_basic: {
    t: { ar: ['driver = autoreply', 'from = auto@example.com', 'to = $sender_address', 'subject = Re: $h_subject:', 'text = Thanks for writing.\\nBye\\n'] },
  },
  autoreply_full: {
    t: { ar: ['driver = autoreply', 'from = auto@example.com', 'reply_to = replies@example.com', 'to = $sender_address', 'cc = cc@example.org',
      'bcc = bcc@example.org', 'subject = Away', 'headers = X-Auto: yes', 'text = Gone fishing.', 'return_message', 'log = OUT/ar.log', 'once = OUT/once', 'once_file_size = 1000'] },
  },
};

const EXIM_UID = 102;
const EXIM_GID = 105;

/** An empty file owned by the delivery user. */
function ownedFile(path, mode) {
  writeFileSync(path, '');
  chmodSync(path, mode);
  chownSync(path, EXIM_UID, EXIM_GID);
}

function openAll(dir) {
  chmodSync(dir, 0o777);
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) openAll(p);
    else chmodSync(p, 0o666);
  }
}

function configFor(name, sc, out) {
  const lines = [`spool_directory = ${WORK}/spool`, 'keep_environment =', `log_file_path = ${WORK}/log/%slog`,
    'primary_hostname = mail.example.com', 'qualify_domain = example.com', 'log_selector = -pid', 'begin routers'];
  for (const t of sc.only ?? Object.keys(sc.t)) {
    lines.push(`r_${t}:`, '  driver = accept', `  local_parts = ${(sc.lps ?? [t]).join(' : ')}`, `  transport = ${t}`);
  }
  lines.push('others:', '  driver = accept', '  transport = collect', 'begin transports');
  for (const [t, body] of Object.entries(sc.t)) {
    lines.push(`${t}:`, ...body.map((l) => `  ${l.replaceAll('OUT', out)}`), `  user = ${USER}`);
  }
  lines.push('collect:', '  driver = appendfile', `  file = ${WORK}/collect/bounces`, `  user = ${USER}`, '');
  return lines.join('\n');
}

const normalise = (s) => s
  .replace(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}\b/g, '<ID>')
  .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d? \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g, '<DATE>')
  .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}/g, '<BSDDATE>')
  .replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /gm, '')
  .replace(/\b\d{10}\.M\d+P\d+\./g, '<TIME>.M<USEC>P<PID>.')
  .replace(/\bq[0-9A-Za-z]{6}-\d+\b/g, 'q<EPOCH62>-<INODE>')
  .replace(/\bP\d+\b/g, 'P<PID>')
  .replace(/boundary="?[^"\n]+"?/g, 'boundary=<B>')
  .replace(/^--[0-9A-Za-z_=.-]{10,}/gm, '--<B>');

function listFiles(dir) {
  const out = {};
  if (!existsSync(dir)) return out;
  const walk = (d) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[normalise(relative(dir, p))] = normalise(readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

function run(name, sc) {
  rmSync(WORK, { recursive: true, force: true });
  for (const d of ['spool', 'log', 'out', 'collect']) mkdirSync(join(WORK, d), { recursive: true });
  for (const d of ['', 'spool', 'log', 'out', 'collect']) chmodSync(join(WORK, d), 0o777);
  const out = join(WORK, 'out');
  sc.prepare?.(out);
  const conf = join(WORK, 'exim.conf');
  writeFileSync(conf, configFor(name, sc, out));
  const rcpts = (sc.lps ?? sc.only ?? Object.keys(sc.t)).map((t) => `${t}@example.com`);
  const r = spawnSync(EXIM, ['-C', conf, '-odi', '-f', 'sender@example.org', ...rcpts], { input: MESSAGE, cwd: WORK });
  const log = existsSync(join(WORK, 'log/mainlog')) ? readFileSync(join(WORK, 'log/mainlog'), 'latin1') : '';
  return {
    exitCode: r.status,
    files: listFiles(out),
    collected: listFiles(join(WORK, 'collect')),
    log: normalise(log).split('\n').filter((l) => l !== '' && !l.includes('lost privilege')),
  };
}

const result = { message: MESSAGE, sender: 'sender@example.org', scenarios: {} };
const only = process.argv[2] ? new RegExp(process.argv[2]) : undefined;
if (only && existsSync(OUT)) Object.assign(result.scenarios, JSON.parse(readFileSync(OUT, 'utf8')).scenarios);
for (const [name, sc] of Object.entries(SCENARIOS)) {
  if (only && !only.test(name)) continue;
  result.scenarios[name] = { transports: sc.t, ...(sc.lps ? { recipients: sc.lps } : {}), ...(sc.only ? { routed: sc.only } : {}), ...run(name, sc) };
  process.stderr.write(`${name}\n`);
}
mkdirSync('test/fixtures/transports', { recursive: true });
writeFileSync(OUT, `${JSON.stringify(result, null, 1)}\n`);
