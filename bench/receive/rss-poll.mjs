#!/usr/bin/env node
/**
 * Polls the memory of a daemon and every process below it (Exim forks one per connection;
 * Mailwright is one process) until SIGTERM, then writes JSON to the given file:
 *   rootHwmKb      VmHWM of the daemon process itself (its peak RSS),
 *   maxChildHwmKb  largest VmHWM seen in any descendant (0 when there were none),
 *   peakTreeRssKb  largest sum of VmRSS over the whole tree at one sample.
 * Short-lived children can be missed between samples, so maxChildHwmKb is a sample, not a bound.
 * Usage: rss-poll.mjs PID OUTFILE [intervalMs]
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const [rootArg, outFile, intervalArg] = process.argv.slice(2);
const rootPid = Number(rootArg);
const intervalMs = Number(intervalArg ?? 100);
if (!rootPid || !outFile) {
  process.stderr.write('usage: rss-poll.mjs PID OUTFILE [intervalMs]\n');
  process.exit(2);
}

const stats = { rootHwmKb: 0, maxChildHwmKb: 0, peakTreeRssKb: 0, samples: 0 };

function statusField(pid, name) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/** Pids of every process whose ancestry reaches rootPid. */
function descendants() {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      /* gone */
    }
  }
  const found = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length) {
    const pid = queue.shift();
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

function sample() {
  stats.samples++;
  stats.rootHwmKb = Math.max(stats.rootHwmKb, statusField(rootPid, 'VmHWM'));
  let treeRss = statusField(rootPid, 'VmRSS');
  for (const pid of descendants()) {
    stats.maxChildHwmKb = Math.max(stats.maxChildHwmKb, statusField(pid, 'VmHWM'));
    treeRss += statusField(pid, 'VmRSS');
  }
  stats.peakTreeRssKb = Math.max(stats.peakTreeRssKb, treeRss);
}

const timer = setInterval(sample, intervalMs);
sample();
process.on('SIGTERM', () => {
  clearInterval(timer);
  sample();
  writeFileSync(outFile, JSON.stringify(stats) + '\n');
  process.exit(0);
});
