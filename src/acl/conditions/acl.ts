/**
 * acl = name arg1 ... arg9: runs another ACL (named, inline or from a file) with $acl_arg1..9
 * and $acl_narg set. Name and arguments are split at white space (double quotes group, with
 * backslash escapes) and expanded separately. accept is true, deny false; defer and error pass
 * up; drop and discard pass up as themselves (discard only on accept and discard verbs).
 */
import { ExpandError, type TStr } from '../../expand/types.js';
import { AclDefer, AclError } from '../errors.js';
import { registerAclCondition } from '../registry.js';
import type { AclConditionValue, AclRunContext } from '../types.js';

/** Split off one word: a double-quoted string (backslash escapes) or a run of non-space characters. */
export function dequoteWords(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) return words;
    let word = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        word += text[i++];
      }
      i++;
    } else {
      while (i < text.length && !/\s/.test(text[i]!)) word += text[i++];
    }
    words.push(word);
  }
}

async function expandWord(word: string, ctx: AclRunContext): Promise<TStr> {
  try {
    return await ctx.expand.services.expand(word, ctx.expand);
  } catch (err) {
    if (err instanceof ExpandError) throw new AclError(`failed to expand ACL string "${word}": ${err.message}`);
    throw err;
  }
}

registerAclCondition({
  name: 'acl',
  kind: 'condition',
  expandsItself: true,
  async evaluate(value, _item, ctx): Promise<AclConditionValue> {
    const state = ctx.statement;
    if (!state?.runNested) throw new AclError('the acl condition needs the ACL engine');
    const [nameWord = '', ...argWords] = dequoteWords(value.s);
    if (argWords.length > 9) throw new AclError(`Too many arguments for ACL "${nameWord}"`);
    const name = await expandWord(nameWord, ctx);
    const args: TStr[] = [];
    for (const w of argWords) args.push(await expandWord(w, ctx));
    const out = await state.runNested(name.s, args);
    state.userMessage = out.userMessage;
    state.logMessage = out.logMessage;
    switch (out.result) {
      case 'ok':
        return true;
      case 'fail':
        return false;
      case 'fail_drop':
        return 'fail_drop';
      case 'discard':
        if (state.verb === 'accept' || state.verb === 'discard') return 'discard';
        throw new AclError(`nested ACL returned "discard" for "${state.verb}" command (only allowed with "accept" or "discard")`);
      case 'defer':
        throw new AclDefer(out.logMessage ?? '', out.userMessage);
      case 'error':
        throw new AclError(out.logMessage ?? '');
    }
  },
});
