// Child process of the durability test: commits messages to a spool as fast as it can, several
// at a time, and prints "250 <id> <n>" for each one as soon as its commit() resolved: exactly
// the moment an SMTP server would send its 250. The parent kills it with SIGKILL at some point.
import { writeSync } from 'node:fs';
import { FileSpool } from '../../../src/spool/file-spool.js';
import { bodyOf, contentOf } from './message.js';

const [dir, countArg, concurrencyArg] = process.argv.slice(2);
const count = Number(countArg);
const concurrency = Number(concurrencyArg ?? 8);
const spool = new FileSpool({ directory: dir!, splitSpoolDirectory: process.env.SPLIT === '1' });
await spool.init();
let next = 0;

async function worker(): Promise<void> {
  while (next < count) {
    const n = next++;
    const pending = await spool.begin();
    const body = bodyOf(n);
    // Arrive in pieces, as DATA does.
    for (let i = 0; i < body.length; i += 1000) await pending.body.write(body.subarray(i, i + 1000));
    await pending.commit(contentOf(n));
    writeSync(1, `250 ${pending.id} ${n}\n`);
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
writeSync(1, 'done\n');
