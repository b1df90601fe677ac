/**
 * appendfile's file_format: pairs of "start of file" strings and transport names. An existing,
 * non-empty mailbox that starts with a string owned by another transport is handed over to that
 * transport; one that matches nothing defers.
 */
import { promises as fs } from 'node:fs';
import { DriverOptions } from '../../config/driver-options.js';
import type { AddressItem } from '../../route/types.js';
import { listItems } from '../../util/exim-list.js';
import { transportDriver } from '../registry.js';
import { deferWith } from '../local-common.js';
import type { TransportContext, TransportRun } from '../types.js';

/** Thrown to hand the whole batch to another transport. */
export class HandOver extends Error {
  constructor(readonly run: TransportRun) {
    super('file_format hand-over');
  }
}

export async function checkFileFormat(path: string, opts: DriverOptions, addresses: readonly AddressItem[], ctx: TransportContext): Promise<void> {
  const spec = opts.str('file_format');
  if (spec === undefined) return;
  const items = listItems(spec, ':');
  let head: Buffer;
  try {
    const h = await fs.open(path, 'r');
    try {
      const buf = Buffer.alloc(256);
      const { bytesRead } = await h.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await h.close();
    }
  } catch {
    return; // missing: taken as this transport's format
  }
  if (head.length === 0) return;
  for (let i = 0; i + 1 < items.length; i += 2) {
    const test = Buffer.from(items[i]!, 'latin1');
    if (!head.subarray(0, test.length).equals(test)) continue;
    const name = items[i + 1]!;
    if (name === opts.name) return;
    const inst = ctx.config.transports.find((t) => t.name === name);
    const def = inst && transportDriver(inst.driver);
    if (!inst || !def) break;
    const run = await def.create(new DriverOptions(inst), inst).deliver(addresses, ctx);
    const results = new Map([...run.results].map(([a, r]) => [a, r.transport ? r : { ...r, transport: name }]));
    throw new HandOver({ ...run, results });
  }
  deferWith('mailbox file format unrecognized', { errno: -33 });
}
