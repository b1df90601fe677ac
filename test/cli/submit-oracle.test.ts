/**
 * Replays the exim4 local-submission fixtures (scripts/oracle/gen-submit.mjs) through the
 * command-line parser and runSubmit (in this process: a child per case is too slow; the
 * bin/mailwright path is covered by submit-cli.test.ts) and compares exit status, stderr, log files and the -H/-D spool files after the
 * same normalisation. Mailwright's message ids are the 23-character form (exim4 4.96 writes 16
 * characters), so sizes on "<=" lines are compared after taking 7 bytes per id in the stored
 * header off, and header length prefixes are checked for consistency instead of by value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../src/cli/args.js';
import { runSubmit } from '../../src/cli/submit/index.js';

interface OracleCase {
  name: string;
  description: string;
  config: string;
  args: string[];
  stdin: string;
  status: number;
  stdout: string;
  stderr: string;
  mainlog: string;
  rejectlog: string;
  paniclog: string;
  messages: { H: string; D: string }[];
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES: OracleCase[] = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/submit/cases.json'), 'utf8'));
const ID = /(?<=^|[^0-9A-Za-z]|E)(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{11}-[0-9A-Za-z]{4}|[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2})(?![0-9A-Za-z])/gm;

function normalise(text: string, ids: string[]): string {
  let s = text.replace(ID, (id) => {
    if (!ids.includes(id)) ids.push(id);
    return `{ID${ids.indexOf(id)}}`;
  });
  s = s.replace(/-received_time_usec \.\d{6}/g, '-received_time_usec .{US}');
  s = s.replace(/\b1[6-9]\d{8}\.\d{6}\b/g, '{T}.{US}');
  s = s.replace(/\b1[6-9]\d{8}\b/g, '{T}');
  s = s.replace(/[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g, (m) => (m.includes('2019') ? m : '{DATE}'));
  return s.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /gm, '{TS} ');
}

/** Checks the "NNNf " prefixes of a raw -H file against the header texts. */
function checkLengths(h: string): string {
  const cut = h.indexOf('\n\n') + 2;
  let i = cut;
  while (i < h.length) {
    const m = /^(\d{3,})(.) /.exec(h.slice(i, i + 12));
    assert.ok(m, `header prefix at ${i}`);
    i += m[0].length + Buffer.byteLength(h.slice(i + m[0].length, i + m[0].length + Number(m[1])), 'latin1');
    assert.equal(h[i - 1], '\n', 'header length prefix matches its text');
  }
  return h;
}

function unlength(h: string): string {
  const cut = h.indexOf('\n\n') + 2;
  return h.slice(0, cut) + h.slice(cut).replace(/^\d{3,}(.) /gm, 'LLL$1 ');
}

async function run(args: string[], stdin: string): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const status = await runSubmit(parseArgs(args), { stdin: Readable.from([Buffer.from(stdin, 'latin1')]), stderr: (t) => void (stderr += t) });
  return { status, stderr };
}

/** S= of "<=" lines with 7 bytes per id in the stored message taken off (23- vs 16-character ids). */
function adjustSizes(log: string, stored: { H: string; D: string }[], extraPerId: number): string {
  return log.replace(/^({TS} {ID(\d+)} <= .* S=)(\d+)/gm, (_m, head: string, idx: string, size: string) => {
    const m = stored[Number(idx)];
    if (m === undefined) return `${head}{S}`;
    const content = m.H.slice(m.H.indexOf('\n\n') + 2) + m.D.slice(m.D.indexOf('\n') + 1);
    const occurrences = (content.match(/\{ID\d+\}/g) ?? []).length;
    return `${head}${Number(size) - extraPerId * occurrences}`;
  });
}

const withoutDelivery = (log: string): string => log.split('\n').filter((l) => !/ \*\* | Frozen \(/.test(l)).join('\n');

/** exim4 delivers (and freezes) its error messages at once even with -odq; Mailwright queues them. */
const withoutDeliveryState = (messages: { H: string; D: string }[]): { H: string; D: string }[] =>
  messages.map((m) => (/^-localerror$/m.test(m.H) ? { ...m, H: m.H.replace(/^-(deliver_firsttime|frozen \{T\})\n/gm, '') } : m));

test('local submission matches exim4 4.96', async (t) => {
  for (const c of CASES) {
    await t.test(`${c.name}: ${c.description}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mw-submit-'));
      try {
        mkdirSync(join(dir, 'log'));
        const conf = join(dir, 'conf');
        writeFileSync(conf, `exim_user = root\nexim_group = root\nnever_users =\nspool_directory = ${dir}/spool\nlog_file_path = ${dir}/log/%slog\nkeep_environment =\nprimary_hostname = mw.example\n${c.config}`);
        const r = await run(['-C', conf, ...c.args], c.stdin);
        const ids: string[] = [];
        const input = join(dir, 'spool', 'input');
        const files = existsSync(input) ? readdirSync(input).filter((f) => f.endsWith('-H')).sort() : [];
        for (const f of files) ids.push(f.slice(0, -2));
        const messages = files.map((f) => ({
          H: unlength(normalise(checkLengths(readFileSync(join(input, f), 'latin1')), ids)),
          D: normalise(readFileSync(join(input, `${f.slice(0, -2)}-D`), 'latin1'), ids),
        }));
        const read = (n: string) => normalise(existsSync(join(dir, 'log', n)) ? readFileSync(join(dir, 'log', n), 'latin1') : '', ids);
        assert.equal(r.status, c.status, `status; stderr: ${r.stderr}`);
        assert.equal(normalise(r.stderr, ids), c.stderr);
        assert.deepEqual(withoutDeliveryState(messages), withoutDeliveryState(c.messages));
        assert.equal(adjustSizes(read('mainlog'), messages, 7), withoutDelivery(adjustSizes(c.mainlog, c.messages, 0)));
        assert.equal(read('rejectlog'), c.rejectlog);
        assert.equal(read('paniclog'), c.paniclog);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
