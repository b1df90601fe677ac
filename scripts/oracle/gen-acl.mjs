#!/usr/bin/env node
// Oracle for the ACL engine: runs each case of acl-cases.mjs through `exim4 -bh 10.1.2.3` (HELO x,
// MAIL FROM:<a@b.example>, RCPT TO:<u@a.example>, DATA for predata cases, QUIT) with the case's
// ACL at its hook, and records the hooked command's reply, whether the session went on, and the
// LOG lines. Writes test/fixtures/acl/cases.json. The banner's date is replaced by <date>.
import { writeFileSync } from 'node:fs';
import { BASE_MAIN, groupReplies, runBh } from './lib/exim-bh.mjs';
import { CASES } from './acl-cases.mjs';

const REPLY_INDEX = { connect: 0, helo: 1, mail: 2, rcpt: 3, predata: 4 };

function indent(text) {
  return text.split('\n').map((l) => `  ${l.trimStart()}`).join('\n');
}

function config(c) {
  const hook = c.hook ?? 'rcpt';
  const value = c.value ?? 'chk';
  return [
    ...BASE_MAIN,
    `acl_smtp_rcpt = ${hook === 'rcpt' ? value : 'accept'}`,
    ...(hook === 'rcpt' ? [] : [`acl_smtp_${hook} = ${value}`]),
    'begin acl',
    'chk:',
    indent(c.acl),
    ...(c.extra ? [c.extra] : []),
    '',
  ].join('\n');
}

function session(c) {
  const lines = [`HELO ${c.helo ?? 'x'}`, `MAIL FROM:<${c.sender ?? 'a@b.example'}>`, `RCPT TO:<${c.rcpt ?? 'u@a.example'}>`];
  if (c.hook === 'predata') lines.push('DATA', 'Subject: s', '', 'body', '.');
  lines.push('QUIT');
  return lines;
}

const out = [];
for (const c of CASES) {
  const conf = config(c);
  const r = runBh(conf, session(c));
  const replies = groupReplies(r.replies).map((x) => x.replace(/^(220 test\.example ESMTP Exim 4\.96) .*$/, '$1 <date>'));
  const index = REPLY_INDEX[c.hook ?? 'rcpt'];
  out.push({
    ...c,
    hook: c.hook ?? 'rcpt',
    config: conf,
    reply: replies[index] ?? null,
    after: replies.slice(index + 1),
    logs: r.logs.map((l) => l.replace(/^[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2} /, '')),
  });
  process.stderr.write('.');
}
writeFileSync('test/fixtures/acl/cases.json', `${JSON.stringify(out, null, 1)}\n`);
process.stderr.write(`\n${out.length} cases\n`);
