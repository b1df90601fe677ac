#!/usr/bin/env node
/**
 * Per-message latency over persistent SMTP connections: CONNS connections share COUNT messages
 * of about 4 KiB; each connection sends MAIL, RCPT, DATA one command at a time and times from
 * writing the end of the data (CRLF.CRLF) to the 250 reply, i.e. the time the server takes to
 * make the message durable and acknowledge it. Prints JSON: { count, p50Ms, p99Ms, maxMs }.
 * Usage: latency.mjs PORT [COUNT=500] [CONNS=20]
 */
import net from 'node:net';

const port = Number(process.argv[2]);
const total = Number(process.argv[3] ?? 500);
const conns = Number(process.argv[4] ?? 20);
if (!port) {
  process.stderr.write('usage: latency.mjs PORT [COUNT] [CONNS]\n');
  process.exit(2);
}

function messageText(n) {
  const head = `From: a@sender.example\r\nTo: b@test.example\r\nSubject: latency ${n}\r\nMessage-ID: <lat-${process.pid}-${n}@sender.example>\r\n\r\n`;
  const line = 'x'.repeat(78) + '\r\n';
  return head + line.repeat(Math.ceil((4096 - head.length) / line.length));
}

/** A connection with a reply reader: reply() resolves with the next complete SMTP reply. */
function open() {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let buffer = '';
    let waiting = null;
    const replies = [];
    const deliver = () => {
      if (waiting && replies.length) {
        const w = waiting;
        waiting = null;
        w(replies.shift());
      }
    };
    sock.setNoDelay(true);
    sock.on('data', (d) => {
      buffer += d.toString('latin1');
      let i;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (/^\d{3} /.test(line)) replies.push(line); // last line of a (multi-line) reply
      }
      deliver();
    });
    sock.on('error', reject);
    const reply = () => new Promise((r) => { waiting = r; deliver(); });
    sock.on('connect', () => resolve({ sock, reply }));
  });
}

async function expect(conn, text, code) {
  if (text !== null) conn.sock.write(text);
  const r = await conn.reply();
  if (!r.startsWith(code)) throw new Error(`expected ${code}, got: ${r}`);
}

const latencies = [];
let next = 0;

async function worker() {
  const conn = await open();
  await expect(conn, null, '220');
  await expect(conn, 'EHLO latency.client.example\r\n', '250');
  while (next < total) {
    const n = next++;
    await expect(conn, 'MAIL FROM:<a@sender.example>\r\n', '250');
    await expect(conn, 'RCPT TO:<b@test.example>\r\n', '250');
    await expect(conn, 'DATA\r\n', '354');
    const start = process.hrtime.bigint();
    await expect(conn, messageText(n) + '.\r\n', '250');
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await expect(conn, 'QUIT\r\n', '221');
  conn.sock.end();
}

await Promise.all(Array.from({ length: conns }, () => worker()));
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
process.stdout.write(JSON.stringify({ count: latencies.length, p50Ms: +pct(50).toFixed(2), p99Ms: +pct(99).toFixed(2), maxMs: +latencies.at(-1).toFixed(2) }) + '\n');
