/** Main options local submission reads, with their expansions. */
import type { LoadedConfig } from '../../config/types.js';
import { ExpandError, type ExpandContext } from '../../expand/types.js';
import { parseEximInt } from '../../smtp/server/options.js';

export function strOption(config: LoadedConfig, name: string): string | undefined {
  const v = config.mainOption(name);
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v.join(':') : String(v);
}

async function expandOption(config: LoadedConfig, ctx: ExpandContext, name: string): Promise<string | undefined> {
  const raw = strOption(config, name);
  if (raw === undefined) return undefined;
  try {
    return (await ctx.services.expand(raw, ctx)).s;
  } catch (e) {
    if (e instanceof ExpandError) return undefined;
    throw e;
  }
}

/** message_size_limit after expansion (0: no limit). */
export async function sizeLimit(config: LoadedConfig, ctx: ExpandContext): Promise<number> {
  const text = await expandOption(config, ctx, 'message_size_limit');
  return text === undefined ? 0 : (parseEximInt(text) ?? 0);
}

/**
 * `<E<id>[.text]@domain>`: message_id_header_text (characters not allowed in a local part
 * become hyphens) and message_id_header_domain (only letters, digits, dot and hyphen kept),
 * each ignored when its expansion is forced to fail or empty.
 */
export async function messageIdHeader(config: LoadedConfig, ctx: ExpandContext, id: string): Promise<string> {
  const text = await expandOption(config, ctx, 'message_id_header_text');
  const domain = await expandOption(config, ctx, 'message_id_header_domain');
  const local = text ? `E${id}.${text.replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, '-')}` : `E${id}`;
  const host = domain ? domain.replace(/[^A-Za-z0-9.-]/g, '-') : (strOption(config, 'primary_hostname') ?? '');
  return `<${local}@${host}>`;
}
