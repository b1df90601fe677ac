#!/usr/bin/env node
// Generates the spool fixtures from the real Exim 4.96: each case runs exim4 with queue_only and a
// throw-away spool_directory, feeds a message (SMTP on stdin with -bs, or a command line with
// -bm/-t), optionally runs follow-up commands (-Mf, -Mt, -M ...), and copies the -H/-D/msglog files
// it left behind into test/fixtures/spool/<case>/, together with case.json (configuration,
// arguments, input, transcript). Ids, times and dates are normalised (same lengths) so that a
// regeneration gives stable files; every replacement keeps lengths, so header length prefixes stay
// valid (checked).
// A second part queues the normalised fixtures into one spool and records `exim4 -bp` and
// `-bpr`/`-bpu`/`-bpc` output for the listing helper. Run as root.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, truncateSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { cases, BASE_CONFIG } from './spool-cases.mjs';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT = 'test/fixtures/spool';
const TMP = '/tmp/mailwright-gen-spool';
const BASE_TIME = 1700000000; // Tue, 14 Nov 2023 22:13:20 +0000
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const b62 = (n, width) => {
  let s = '';
  for (let i = 0; i < width; i++) {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s;
};

rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });
chmodSync(TMP, 0o777);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

function runExim(config, args, input, user) {
  const argv = ['-C', config, ...args];
  const cmd = user ? 'su' : EXIM;
  const cmdArgs = user ? [user, '-s', '/bin/sh', '-c', [EXIM, ...argv].map(shellQuote).join(' ')] : argv;
  const r = spawnSync(cmd, cmdArgs, { input: input === undefined ? undefined : Buffer.from(input, 'latin1'), env: { PATH: '/usr/bin:/bin', TZ: 'UTC' }, timeout: 30000 });
  return { stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1'), status: r.status };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts exim4 -bd on `port`, runs the case's client against it, stops the daemon by its pid. */
function runDaemonSession(c, config, dir, port) {
  const pidFile = join(dir, 'exim.pid');
  const args = ['-bd', '-oX', String(port), '-oP', pidFile];
  const start = runExim(config, args);
  const deadline = Date.now() + 10000;
  while (!existsSync(pidFile) && Date.now() < deadline) spawnSync('sleep', ['0.1']);
  if (!existsSync(pidFile)) throw new Error(`${c.name}: daemon did not start: ${start.stderr}`);
  const pid = Number(readFileSync(pidFile, 'latin1').trim());
  try {
    const script = `const port = ${port}; const fs = await import('node:fs'); process.stdout.write(await (async () => {${c.client}})());`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 30000 });
    if (r.status !== 0) throw new Error(`${c.name}: client failed: ${r.stderr}`);
    spawnSync('sleep', ['0.5']); // the daemon's child finishes writing the spool
    return { args, client: c.client, stdout: r.stdout.toString('latin1'), stderr: start.stderr, status: r.status };
  } finally {
    process.kill(pid, 'SIGTERM');
  }
}

function shellQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Message ids present in the spool, in file-name order (ids sort by time then pid then fraction). */
function spoolIds(spool) {
  const dir = join(spool, 'input');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('-H')).map((f) => f.slice(0, -2)).sort();
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n) => String(n).padStart(2, '0');
const rfcDate = (t) => {
  const d = new Date(t * 1000);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
};
const logDate = (t) => new Date(t * 1000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Builds the text normaliser of one case: real ids (the queued ones first, then any other id in
 * order of appearance, e.g. the parent of a bounce), seconds, dates and the random DSN boundary
 * become stable values of the same lengths.
 */
function makeNormaliser(ids, t0) {
  const idMap = new Map();
  const normal = new Set();
  const mapId = (id) => {
    if (normal.has(id)) return id;
    let n = idMap.get(id);
    if (n === undefined) {
      n = `${b62(BASE_TIME, 6)}-${b62(4242, 6)}-${b62(idMap.size, 2)}`;
      idMap.set(id, n);
      normal.add(n);
    }
    return n;
  };
  ids.forEach(mapId);
  const mapTime = (t) => BASE_TIME + (t - t0);
  return (text) => {
    let s = text.replace(/(?<=^|[^0-9A-Za-z-]|E)[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}(?![0-9A-Za-z])/g, mapId);
    s = s.replace(/\b(1[6-9]\d{8})(\.\d{6})?\b/g, (_m, t, us) => String(mapTime(Number(t))) + (us ? '.200000' : ''));
    s = s.replace(/-received_time_usec \.\d{6}/g, '-received_time_usec .100000');
    s = s.replace(/[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g, (m) => rfcDate(mapTime(Date.parse(m) / 1000)));
    s = s.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, (m) => logDate(mapTime(Date.parse(m.replace(' ', 'T') + 'Z') / 1000)));
    s = s.replace(/eximdsn-(\d+)/g, (_m, n) => `eximdsn-${'7'.repeat(n.length)}`);
    return { text: s, idMap };
  };
}

/**
 * Every replacement of the normaliser keeps lengths (ids, 10-digit times, fixed-width dates), so
 * the header length prefixes stay right; this walks the headers by their stated lengths to prove it.
 */
function checkHeaderLengths(h, name) {
  let i = h.indexOf('\n\n') + 2;
  while (i < h.length) {
    const m = /^(\d{3,})(.) /.exec(h.slice(i, i + 12));
    if (!m) throw new Error(`${name}: bad header prefix at ${i}`);
    i += m[0].length + Number(m[1]);
    if (h[i - 1] !== '\n') throw new Error(`${name}: header length mismatch at ${i}`);
  }
  return h;
}

function readLatin1(p) {
  return readFileSync(p).toString('latin1');
}

const summary = [];
for (const c of cases) {
  const dir = join(TMP, c.name);
  const spool = join(dir, 'spool');
  mkdirSync(spool, { recursive: true });
  chmodSync(dir, 0o777);
  chmodSync(spool, 0o777);
  const configText = BASE_CONFIG(spool) + (c.daemon ? `log_file_path = ${dir}/%slog\n` : '') + (c.config ?? '');
  const config = join(dir, 'exim.conf');
  writeFileSync(config, configText, { mode: 0o644 });
  const steps = [];
  let daemonPort;
  if (c.daemon) {
    daemonPort = await freePort();
    steps.push(runDaemonSession(c, config, dir, daemonPort));
  } else {
    const first = runExim(config, c.args, c.stdin, c.user);
    steps.push({ args: c.args, stdin: c.stdin, stdout: first.stdout, stderr: first.stderr, status: first.status });
  }
  for (const f of c.followups ?? []) {
    const id = spoolIds(spool)[0];
    const args = f.map((a) => a.replace('{id}', id));
    const r = runExim(config, args, undefined, undefined);
    steps.push({ args, stdout: r.stdout, stderr: r.stderr, status: r.status });
  }
  const ids = spoolIds(spool);
  if (ids.length === 0) throw new Error(`${c.name}: no message on the spool\n${JSON.stringify(steps, null, 1)}`);
  const t0 = Math.min(...ids.map((id) => Number(readLatin1(join(spool, 'input', `${id}-H`)).split('\n')[3].split(' ')[0])));
  const baseNorm = makeNormaliser(ids, t0);
  // Daemon cases: the listening port becomes 25 and the client's ephemeral port 40000.
  const norm = daemonPort === undefined ? baseNorm : (text) => {
    const r = baseNorm(text);
    return { ...r, text: r.text.split(`[127.0.0.1]:${daemonPort}`).join('[127.0.0.1]:25').replace(/\[127\.0\.0\.1\]:\d{4,}/g, '[127.0.0.1]:40000') };
  };
  const outDir = join(OUT, c.name);
  mkdirSync(join(outDir, 'msglog'), { recursive: true });
  const messages = [];
  for (const id of ids) {
    const nid = norm('').idMap.get(id);
    const h = checkHeaderLengths(norm(readLatin1(join(spool, 'input', `${id}-H`))).text, `${c.name}/${id}`);
    const d = norm(readLatin1(join(spool, 'input', `${id}-D`))).text;
    writeFileSync(join(outDir, `${nid}-H`), Buffer.from(h, 'latin1'));
    writeFileSync(join(outDir, `${nid}-D`), Buffer.from(d, 'latin1'));
    const ml = join(spool, 'msglog', id);
    if (existsSync(ml)) writeFileSync(join(outDir, 'msglog', nid), Buffer.from(norm(readLatin1(ml)).text, 'latin1'));
    messages.push(nid);
  }
  const normSteps = steps.map((s) => ({ ...s, stdout: norm(s.stdout).text, stderr: norm(s.stderr).text }));
  writeFileSync(join(outDir, 'case.json'), JSON.stringify({ name: c.name, description: c.description, config: c.config ?? '', user: c.user, steps: normSteps, messages }, null, 1) + '\n');
  summary.push(`${c.name}: ${messages.join(' ')}`);
}

// Queue listing, two parts, each queued into a spool of its own and listed with exim4 -bp and
// friends. (1) Every fixture message with its -H time set back by an age from AGES: checks the
// size computation and the recipient/frozen/delivered display. (2) Synthetic copies of one small
// message with chosen ages and body sizes (sparse -D files, so nothing large is written): checks
// the age and size formatting. Exim takes the age from the -H time line against its clock, so
// the listing records the clock it ran at (now) and tests format with that clock.
const AGES = [0, 59, 60, 3599, 3600, 86399, 86400, 86400 * 9, 86400 * 99, 86400 * 400];
const SYNTH_AGES = [29, 30, 89, 90, 5400, 5459, 5460, 3600 * 72 + 1799, 3600 * 72 + 1800, 5969, 5970, 5999, 6000, 6001, 35999, 36000, 3600 * 47 + 1799, 3600 * 47 + 1800, 3600 * 99, 3600 * 99 + 1799, 3600 * 99 + 1800, 3600 * 100, 86400 * 5 - 1, 86400 * 5 + 43199, 86400 * 5 + 43200, 86400 * 999, 86400 * 1000, 86400 * 10000];
const SYNTH_SIZES = [185, 999, 1000, 1023, 1024, 1025, 1075, 1076, 1280, 1792, 1310720, 1536, 10188, 10189, 10239, 10240, 10241, 102399, 102400, 1023999, 1048575, 1048576, 1048577, 10485759, 10485760, 104857600, 1073741824, 10737418240];
function listSpool(name, entries) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = listSpoolOnce(`${name}-${attempt}`, entries);
    if (r) return r;
  }
  throw new Error(`${name}: the clock kept ticking during the listing`);
}

/** One attempt: undefined when the clock's second changed while exim4 listed. */
function listSpoolOnce(name, entries) {
  const dir = join(TMP, name);
  const spool = join(dir, 'spool');
  mkdirSync(join(spool, 'input'), { recursive: true });
  const config = join(dir, 'exim.conf');
  writeFileSync(config, BASE_CONFIG(spool));
  while (Date.now() % 1000 > 100); // start early in a second: the listing then fits in it
  const now = Math.floor(Date.now() / 1000);
  for (const e of entries) {
    const h = e.h.split('\n');
    h[0] = `${e.id}-H`;
    h[3] = h[3].replace(/^\d+/, String(now - e.age));
    writeFileSync(join(spool, 'input', `${e.id}-H`), Buffer.from(h.join('\n'), 'latin1'));
    const dfile = join(spool, 'input', `${e.id}-D`);
    writeFileSync(dfile, Buffer.from(`${e.id}-D\n` + (e.body ?? ''), 'latin1'));
    if (e.bodyLength !== undefined) truncateSync(dfile, e.id.length + 3 + e.bodyLength);
  }
  const listing = {};
  for (const opt of ['-bp', '-bpr', '-bpu', '-bpa', '-bpc']) listing[opt] = runExim(config, [opt]).stdout;
  if (Math.floor(Date.now() / 1000) !== now) return undefined;
  return { now, entries: entries.map(({ h: _h, body: _b, ...rest }) => rest), listing };
}
const fixtureEntries = [];
for (const c of cases) {
  const d = join(OUT, c.name);
  for (const f of readdirSync(d).filter((x) => x.endsWith('-H')).sort()) {
    const id = f.slice(0, -2);
    const k = fixtureEntries.length;
    const body = readLatin1(join(d, `${id}-D`));
    fixtureEntries.push({ fixture: `${c.name}/${id}`, id: `${id.slice(0, 14)}${b62(k + 1, 2)}`, age: AGES[k % AGES.length], h: readLatin1(join(d, f)), body: body.slice(body.indexOf('\n') + 1) });
  }
}
const base = readLatin1(join(OUT, 'smtp-helo', readdirSync(join(OUT, 'smtp-helo')).find((x) => x.endsWith('-H'))));
const synthEntries = [];
for (let k = 0; k < Math.max(SYNTH_AGES.length, SYNTH_SIZES.length); k++) {
  const size = SYNTH_SIZES[k % SYNTH_SIZES.length];
  synthEntries.push({ id: `${b62(BASE_TIME, 6)}-${b62(4242, 6)}-${b62(k + 1, 2)}`, age: SYNTH_AGES[k % SYNTH_AGES.length], h: base, bodyLength: size - 185, size });
}
writeFileSync(join(OUT, 'listing.json'), JSON.stringify({ fixtures: listSpool('list-fixtures', fixtureEntries), synthetic: listSpool('list-synthetic', synthEntries) }, null, 1) + '\n');
console.log(summary.join('\n'));
