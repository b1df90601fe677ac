// A deterministic test message for index n, and the SpoolMessageContent the receiver would commit.
import type { SpoolMessageContent } from '../../../src/spool/header-file-write.js';

export function bodyOf(n: number): Buffer {
  const line = `message ${n} line\n`;
  return Buffer.from(line.repeat(1 + ((n * 7919) % 400)), 'latin1');
}

export function contentOf(n: number, seconds = 1700000000): SpoolMessageContent {
  return {
    sender: `sender${n}@example.com`,
    owner: { login: 'mail', uid: 8, gid: 8 },
    received: { seconds, micros: 0 },
    warningCount: 0,
    options: new Map<string, string | true>([
      ['received_protocol', 'esmtp'],
      ['helo_name', 'client.example'],
      ['host_address', '[127.0.0.1]:40000'],
      ['body_linecount', String(1 + ((n * 7919) % 400))],
      ['deliver_firsttime', true],
    ]),
    aclVars: new Map(),
    recipients: [{ address: `rcpt${n}@example.org` }],
    headers: [{ type: ' ', text: `Subject: test ${n}\n` }],
  };
}
