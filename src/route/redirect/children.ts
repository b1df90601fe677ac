/**
 * Turning redirection items into what the redirect router returns: the generated addresses
 * (qualified, check_ancestor applied), pipe/file/directory deliveries, or the whole-list
 * outcomes (:blackhole:, :fail:, :defer:, :unknown:). :include: files are read here.
 * Syntax errors defer the address, or with skip_syntax_errors are logged and skipped.
 */
import { readFileSync } from 'node:fs';
import { strerror } from '../../util/strerror.js';
import { extractAddress } from '../address-parse.js';
import type { DriverOptions } from '../../config/driver-options.js';
import { AddressItem, type RoutingContext } from '../types.js';
import { splitRedirectItems, type RedirectItem } from './items.js';

export interface ListSettings {
  /** Domain for unqualified addresses (qualify_domain option or qualify_recipient). */
  readonly qualifyDomain: string;
  readonly preserveDomain: boolean;
  readonly tainted: boolean;
}

export type ListOutcome =
  | { readonly kind: 'items'; readonly generated: Generated[] }
  | { readonly kind: 'blackhole' }
  | { readonly kind: 'fail' | 'defer'; readonly message: string }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'error'; readonly message: string };

export type Generated =
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'pipe' | 'file' | 'directory'; readonly target: string };

class RedirectSyntaxError extends Error {}

/** Interpret the whole list; include files are expanded in place. */
export function interpretList(data: string, o: DriverOptions, parent: AddressItem, s: ListSettings, rctx: RoutingContext): ListOutcome {
  const generated: Generated[] = [];
  let skipped = 0;
  let stack: RedirectItem[];
  try {
    stack = expandIncludes(splitRedirectItems(data), o, s, 0);
  } catch (e) {
    if (e instanceof RedirectSyntaxError) return { kind: 'error', message: e.message };
    throw e;
  }
  for (const item of stack) {
    switch (item.kind) {
      case 'blackhole':
        if (o.bool('forbid_blackhole')) return { kind: 'error', message: '":blackhole:" is not permitted' };
        return { kind: 'blackhole' };
      case 'fail':
      case 'defer':
        if (!o.bool(item.kind === 'fail' ? 'allow_fail' : 'allow_defer')) return { kind: 'error', message: `"${item.text}" is not permitted` };
        return { kind: item.kind, message: item.message };
      case 'unknown':
        return { kind: 'unknown' };
      case 'include':
        continue;
      case 'text': {
        const g = classify(item.text, parent, s);
        if (typeof g === 'string') {
          const message = `${g} in "${item.text}"`;
          if (!o.bool('skip_syntax_errors')) return { kind: 'error', message };
          rctx.log.write(['main'], `${o.name} router: skipped error: ${message}`, rctx.messageId);
          skipped++;
          continue;
        }
        generated.push(g);
      }
    }
  }
  if (generated.length === 0 && skipped > 0) return { kind: 'unknown' };
  return { kind: 'items', generated };
}

/** Address, pipe, file or directory; a string is a syntax error. */
function classify(text: string, parent: AddressItem, s: ListSettings): Generated | string {
  const backslash = text.startsWith('\\');
  const body = backslash ? text.slice(1) : text;
  if (!backslash && (body.startsWith('|') || body.startsWith('/'))) {
    const asAddress = extractAddress(body);
    if (!(asAddress.ok && asAddress.domain !== '')) {
      if (body.startsWith('|')) return { kind: 'pipe', target: body };
      return { kind: body.endsWith('/') && body !== '/' ? 'directory' : 'file', target: body };
    }
  }
  const r = extractAddress(body);
  if (!r.ok) return r.error;
  if (r.domain !== '') return { kind: 'address', address: r.address };
  const domain = backslash || s.preserveDomain ? parent.domain : s.qualifyDomain;
  return { kind: 'address', address: `${r.localPart}@${domain}` };
}

const MAX_INCLUDE_DEPTH = 20;

/** Replace :include: items by the items of their files (checked and read now). */
function expandIncludes(items: RedirectItem[], o: DriverOptions, s: ListSettings, depth: number): RedirectItem[] {
  const out: RedirectItem[] = [];
  for (const item of items) {
    if (item.kind !== 'include') {
      out.push(item);
      continue;
    }
    if (o.bool('forbid_include')) throw new RedirectSyntaxError('included files not permitted');
    if (depth >= MAX_INCLUDE_DEPTH) throw new RedirectSyntaxError(`too many levels of :include: (at ${item.path})`);
    out.push(...expandIncludes(splitRedirectItems(readInclude(item.path, o, s)), o, s, depth + 1));
  }
  return out;
}

function readInclude(path: string, o: DriverOptions, s: ListSettings): string {
  if (s.tainted) throw new RedirectSyntaxError(`Tainted name '${path}' for included file not permitted`);
  if (!path.startsWith('/')) throw new RedirectSyntaxError(`included file "${path}" is not an absolute path`);
  const dir = o.str('include_directory');
  if (dir !== undefined) {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    if (!path.startsWith(prefix)) throw new RedirectSyntaxError(`included file ${path} is not in directory ${dir}`);
  }
  try {
    return readFileSync(path, 'latin1');
  } catch (e) {
    if (dir !== undefined) throw new RedirectSyntaxError(`failed to open ${path} (component of included file); could be symbolic link`);
    throw new RedirectSyntaxError(`failed to open included file ${path}: ${strerror(e)}`);
  }
}

/** Build the child AddressItems of `parent`, in list order. */
export function makeChildren(generated: readonly Generated[], parent: AddressItem, checkAncestor: boolean): AddressItem[] {
  return generated.map((g) => {
    if (g.kind !== 'address') {
      const child = new AddressItem(g.target, { parent });
      child.special = g.kind;
      return child;
    }
    if (checkAncestor && isAncestor(g.address, parent)) return new AddressItem(parent.address, { parent });
    return new AddressItem(g.address, { parent });
  });
}

function isAncestor(address: string, parent: AddressItem): boolean {
  const key = address.toLowerCase();
  for (let a = parent.parent; a; a = a.parent) if (a.address.toLowerCase() === key) return true;
  return false;
}
