/**
 * regex, mime_regex and decode (the content-scanning conditions; they need the message or the
 * MIME part through ctx.content, which the SMTP/spool layer provides in the DATA, MIME and
 * non-SMTP ACLs). regex matches line by line (lines up to 32K), mime_regex the first 32K of
 * the decoded part; a match sets $regex_match_string and $regex1... A pattern that does not
 * compile is logged and skipped, as Exim does.
 */
import { untainted } from '../../expand/types.js';
import { compileRegex } from '../../regex/index.js';
import { RegexError, type CompiledRegex } from '../../regex/types.js';
import { listItems } from '../../util/exim-list.js';
import { AclDefer } from '../errors.js';
import { registerAclCondition } from '../registry.js';
import type { AclRunContext } from '../types.js';

const MAX_SCAN = 32 * 1024;

function compileList(list: string, ctx: AclRunContext, label: string): Array<{ source: string; re: CompiledRegex }> {
  const out: Array<{ source: string; re: CompiledRegex }> = [];
  for (const source of listItems(list)) {
    try {
      out.push({ source, re: compileRegex(source) });
    } catch (err) {
      if (!(err instanceof RegexError)) throw err;
      ctx.log.write(['main'], `${label} acl condition warning - error in regex '${source}': ${err.message} at offset ${err.offset}, skipped.`, ctx.messageId);
    }
  }
  return out;
}

/** First regex matching any of the texts; sets the match variables. */
function firstMatch(patterns: ReturnType<typeof compileList>, texts: readonly string[], ctx: AclRunContext): boolean {
  for (const text of texts) {
    for (const { source, re } of patterns) {
      const m = re.exec(text);
      if (!m) continue;
      ctx.expand.vars.set('regex_match_string', untainted(source));
      for (let i = 1; i <= 9; i++) {
        const g = m.groups[i];
        if (g === undefined) ctx.expand.vars.delete(`regex${i}`);
        else ctx.expand.vars.set(`regex${i}`, { s: g, tainted: true });
      }
      return true;
    }
  }
  return false;
}

registerAclCondition({
  name: 'regex',
  kind: 'condition',
  allowedIn: ['data', 'mime', 'not_smtp', 'not_smtp_mime', 'dkim', 'prdr'],
  async evaluate(value, _item, ctx) {
    const patterns = compileList(value.s, ctx, 'regex');
    const read = ctx.content?.messageText;
    if (!read) throw new AclDefer('regex acl condition: message content is not available');
    const lines = (await read()).split('\n').map((l) => l.replace(/\r$/, '').slice(0, MAX_SCAN));
    return firstMatch(patterns, lines, ctx);
  },
});

registerAclCondition({
  name: 'mime_regex',
  kind: 'condition',
  allowedIn: ['mime', 'not_smtp_mime'],
  async evaluate(value, _item, ctx) {
    const patterns = compileList(value.s, ctx, 'mime_regex');
    const read = ctx.content?.mimeDecoded;
    if (!read) throw new AclDefer('mime_regex acl condition: MIME part is not available');
    const text = (await read()).subarray(0, MAX_SCAN).toString('latin1');
    return firstMatch(patterns, [text], ctx);
  },
});

registerAclCondition({
  name: 'decode',
  kind: 'condition',
  allowedIn: ['mime', 'not_smtp_mime'],
  async evaluate(value, _item, ctx) {
    const location = value.s;
    if (location === '0' || location.toLowerCase() === 'false') return false;
    const decodeTo = ctx.content?.mimeDecodeTo;
    if (!decodeTo) throw new AclDefer('decode acl condition: MIME part is not available');
    const file = await decodeTo(location === 'default' ? '' : location);
    ctx.expand.vars.set('mime_decoded_filename', untainted(file));
    return true;
  },
});
