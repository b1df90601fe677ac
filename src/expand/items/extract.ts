/** ${extract} (named, numbered, json, jsons) and ${listextract}. */
import type { ExtractForm, ItemNode } from '../ast.js';
import type { Evaluator } from '../evaluator.js';
import { ExpandError, EMPTY, type TStr } from '../types.js';
import { listItems } from '../../util/exim-list.js';
import { dequoteJson, jsonArrayElements, jsonObjectMember, JsonShapeError } from '../json-util.js';
import { derived, walkItem, type ItemHandler } from './util.js';
import { unquoteEximString } from './quoted.js';
import { then, type MaybePromise } from '../maybe.js';

const UNCLOSED_YESNO = "curly-bracket problem in conditional yes/no parsing: did not close with '}'";
const isNumberArg = (s: string): boolean => /^\s*-?\d+\s*$/.test(s);

function runForm(ev: Evaluator, form: ExtractForm, found: boolean, value: TStr, skip: boolean): MaybePromise<TStr> {
  if ('err' in form) return ev.seqM([form.err], skip);
  return ev.yesNoM(form.yesno, found, value, 'extract', skip);
}

export const extractItem: ItemHandler = (node, ev, skip) => {
  const forms = node.forms!;
  if (skip) {
    if ('err' in forms.keyed && 'err' in forms.numbered && forms.numbered.err.msg.startsWith(UNCLOSED_YESNO)) {
      // Skipping, Exim reads up to three arguments and the yes/no pair, then wants the closing brace.
      return then(walkItem({ ...node, forms: undefined }, ev), () => {
        throw new ExpandError("missing '}' closing extract");
      });
    }
    const usable = 'err' in forms.keyed ? forms.numbered : forms.keyed;
    return then(walkItem({ ...node, forms: undefined }, ev), () => runForm(ev, usable, false, EMPTY, true));
  }
  return then(ev.seqM(node.args[0]!), (first) => extractBy(node, ev, first));
};

/** The rest of ${extract} once its first argument (field name or number) is known. */
function extractBy(node: ItemNode, ev: Evaluator, first: TStr): MaybePromise<TStr> {
  const forms = node.forms!;
  const numbered = isNumberArg(first.s);
  const key = first.s.trim();
  if (!numbered && key === '') throw new ExpandError('first argument of "extract" must not be empty');
  if (node.word) return extractJson(node, ev, numbered, key);
  if (!numbered) {
    return then(ev.seqM(node.args[1]!), (data) => {
      const v = namedField(data.s, key);
      return runForm(ev, forms.keyed, v !== undefined, derived(v ?? '', data), false);
    });
  }
  return then(ev.seqM(node.args[1]!), (seps) => {
    const form = forms.numbered;
    if ('err' in form) return ev.seqM([form.err], false);
    return then(ev.seqM(form.args[0]!), (data) => {
      const v = numberedField(data.s, seps.s, Number(key));
      return ev.yesNoM(form.yesno, v !== undefined, derived(v ?? '', data), 'extract', false);
    });
  });
}

function extractJson(node: ItemNode, ev: Evaluator, numbered: boolean, key: string): MaybePromise<TStr> {
  return then(ev.seqM(node.args[1]!), (data) => extractJsonFrom(node, ev, numbered, key, data));
}

function extractJsonFrom(node: ItemNode, ev: Evaluator, numbered: boolean, key: string, data: TStr): MaybePromise<TStr> {
  let v: string | undefined;
  try {
    if (numbered) {
      const n = Number(key);
      if (n <= 0) throw new ExpandError('first argument of "extract" must be greater than zero');
      const t = data.s.replace(/^[ \t\n\r]+/, '');
      if (!t.startsWith('[')) throw new ExpandError("missing '[' wrapping array for extract json");
      const elems = jsonArrayElements(t);
      if (!elems) throw new ExpandError("missing ']' wrapping array for extract json");
      v = elems[n - 1];
    } else v = jsonObjectMember(data.s, key);
  } catch (e) {
    if (e instanceof JsonShapeError) throw new ExpandError(e.message);
    throw e;
  }
  if (v !== undefined && node.word === 'jsons') {
    if (!v.startsWith('"')) throw new ExpandError(`missing '"' wrapping string result for extract jsons`);
    v = dequoteJson(v.replace(/[ \t\n\r]+$/, ''));
  }
  return runForm(ev, node.forms!.keyed, v !== undefined, derived(v ?? '', data), false);
}

/** `key=value` fields separated by white space; values may be quoted; keys caseless. */
export function namedField(data: string, key: string): string | undefined {
  let i = 0;
  const n = data.length;
  const want = key.toLowerCase();
  while (i < n) {
    while (i < n && /\s/.test(data[i]!)) i++;
    if (i >= n) break;
    const ks = i;
    while (i < n && data[i] !== '=' && !/\s/.test(data[i]!)) i++;
    const k = data.slice(ks, i);
    while (i < n && /\s/.test(data[i]!)) i++;
    if (data[i] === '=') {
      i++;
      while (i < n && /\s/.test(data[i]!)) i++;
    }
    let value: string;
    if (data[i] === '"') {
      const r = unquoteEximString(data, i);
      value = r.value;
      i = r.end;
    } else {
      const vs = i;
      while (i < n && !/\s/.test(data[i]!)) i++;
      value = data.slice(vs, i);
    }
    if (k.toLowerCase() === want) return value;
  }
  return undefined;
}

/** Field `num` (1-based; negative from the end; 0 = whole string) split on any separator character. */
export function numberedField(data: string, seps: string, num: number): string | undefined {
  if (num === 0) return data;
  const fields: string[] = [];
  let cur = '';
  for (const c of data) {
    if (seps.includes(c)) {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  fields.push(cur);
  const idx = num > 0 ? num - 1 : fields.length + num;
  return idx >= 0 && idx < fields.length ? fields[idx] : undefined;
}

export const listextractItem: ItemHandler = (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  return then(ev.seqM(node.args[0]!), (numArg) => {
    if (!isNumberArg(numArg.s)) throw new ExpandError('first argument of "listextract" must be numeric');
    return then(ev.seqM(node.args[1]!), (list) => {
      const items = listItems(list.s);
      const n = Number(numArg.s.trim());
      const idx = n > 0 ? n - 1 : items.length + n;
      const ok = n !== 0 && idx >= 0 && idx < items.length;
      return ev.yesNoM(node.yesno, ok, derived(ok ? items[idx]! : '', list), 'listextract', false);
    });
  });
};
