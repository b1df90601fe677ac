/**
 * The exim4 -bh ACL corpus (scripts/oracle/gen-acl.mjs -> test/fixtures/acl/cases.json), driven
 * through the engine directly with the session's variables. The reply and the rejection log
 * line are the SMTP layer's; here a small renderer with Exim's default texts stands in for it,
 * so the engine's result, user message, log message and own log lines are what is compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseConfig, optionsApi } from '../../src/config/index.js';
import { createAclEngine } from '../../src/acl/index.js';
import type { AclOutcome, AclWhere } from '../../src/acl/types.js';
import { rcptVars, runContext } from './helpers.js';

interface OracleCase {
  id: string;
  hook: 'connect' | 'helo' | 'mail' | 'rcpt' | 'predata';
  config: string;
  value?: string;
  rcpt?: string;
  sender?: string;
  reply: string | null;
  after: string[];
  logs: string[];
}

const CASES = JSON.parse(readFileSync('test/fixtures/acl/cases.json', 'utf8')) as OracleCase[];

const ACCEPT_DEFAULT: Record<OracleCase['hook'], string> = {
  connect: '220 test.example ESMTP Exim 4.96 <date>',
  helo: '250 test.example Hello x [10.1.2.3]',
  mail: '250 OK',
  rcpt: '250 Accepted',
  predata: '354 Enter message, ending with "." on a line by itself',
};

/** How Exim's SMTP layer shows an ACL result (enough of it to compare the engine's outcome). */
function render(hook: OracleCase['hook'], out: AclOutcome): string {
  const accepted = out.result === 'ok' || out.result === 'discard';
  const temporary = out.result === 'defer' || out.result === 'error';
  const code = accepted ? ACCEPT_DEFAULT[hook].slice(0, 3) : temporary ? '451' : '550';
  const text = out.result === 'error' || out.userMessage === undefined || (hook === 'predata' && accepted) ? undefined : out.userMessage;
  if (text === undefined) {
    if (accepted) return ACCEPT_DEFAULT[hook];
    return temporary ? '451 Temporary local problem - please try later' : '550 Administrative prohibition';
  }
  const lines = (hook === 'helo' ? text.split('\n').slice(0, 1) : text.split('\n'));
  const override = /^([2-5][0-9][0-9]) (?:[2-5]\.[0-9]{1,3}\.[0-9]{1,3} )?/.exec(lines[0]!);
  const c = override && override[1]![0] === code[0] ? override[1]! : code;
  if (override && override[1]![0] === code[0]) lines[0] = lines[0]!.slice(4);
  return lines.map((l, i) => `${c}${i === lines.length - 1 ? ' ' : '-'}${l}`).join('\n');
}

function varsFor(c: OracleCase): Record<string, string> {
  const all = rcptVars(c.rcpt ?? 'u@a.example', c.sender ?? 'a@b.example');
  if (c.hook === 'connect') return { sender_host_address: all.sender_host_address! };
  if (c.hook === 'helo') return { sender_host_address: all.sender_host_address!, sender_helo_name: 'x' };
  if (c.hook === 'mail' || c.hook === 'predata') {
    const { local_part: _l, domain: _d, ...rest } = all;
    return rest;
  }
  return all;
}

const SMTP_LAYER_LINES = /rejected (RCPT|MAIL|EHLO or HELO|connection|DATA)|: discarded by |^SMTP call from|^<= |no HELO\/EHLO given/;
const SKIP: Record<string, string> = {
  'connect-control': 'connect: controls are refused before the engine runs anything else; compared in allowed.test.ts',
};

for (const c of CASES) {
  if (c.reply === null) continue;
  test(`exim4 -bh: ${c.id}`, { skip: SKIP[c.id] }, async () => {
    const config = parseConfig({ file: '/tmp/mailwright-acl-oracle/acl.conf', text: c.config }, optionsApi);
    const engine = createAclEngine(config);
    const ctx = runContext(config, {
      where: c.hook as AclWhere,
      vars: varsFor(c),
      tainted: ['local_part', 'domain', 'sender_address', 'sender_address_domain', 'sender_address_local_part', 'sender_helo_name'],
      recipient: c.hook === 'rcpt' ? (c.rcpt ?? 'u@a.example') : undefined,
      hostChecking: true,
    });
    const value = String(config.mainOption(`acl_smtp_${c.hook}`) ?? 'chk');
    const out = await engine.run(value, ctx);
    assert.equal(render(c.hook, out), c.reply, `result ${out.result} user ${out.userMessage} log ${out.logMessage}`);
    if (c.hook !== 'connect' && c.hook !== 'predata') {
      assert.equal(out.result === 'fail_drop', c.after.length === 0, `drop: ${out.result}`);
    }
    const rejection = c.logs.find((l) => /rejected (RCPT|MAIL|EHLO or HELO|connection|DATA)|: discarded by /.test(l));
    const logged = out.logRejectTarget === undefined || out.logRejectTarget.length > 0;
    if (out.result !== 'ok' && logged) {
      assert.ok(rejection !== undefined, 'a rejection is logged');
      const first = out.logMessage?.split('\n')[0];
      if (first !== undefined) assert.ok(rejection.endsWith(`: ${first}`), `${rejection} ends with ${first}`);
      else assert.ok(/(>|ACL|HELO x|DATA)$/.test(rejection), `${rejection} has no message`);
    } else if (out.result !== 'discard') {
      assert.equal(rejection, undefined);
    }
    const own = c.logs.filter((l) => !SMTP_LAYER_LINES.test(l));
    assert.deepEqual(ctx.log.texts, own);
  });
}
