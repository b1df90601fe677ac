/**
 * The evaluator walks a string synchronously until a node needs I/O, then continues with
 * promises (Evaluator.seqM). These tests put the same text in each template twice: once as a
 * literal (all synchronous) and once produced by a lookup (forcing the asynchronous path from
 * that point on). Results, error messages, and $value/$item/$0 restoration must not differ.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExpandContext, expand, expandM } from '../../src/expand/index.js';
import { ExpandError, type ExpandContext } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mw-sync-async-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'slots.lsearch');
const DATA: Record<string, string> = { v: 'v', bad: 'bad', abc: 'abc', list: 'a:b:c', empty: '' };
writeFileSync(file, Object.entries(DATA).map(([k, v]) => `${k}: ${v}\n`).join(''));

function context(): ExpandContext {
  return createExpandContext({
    config: { mainOption: () => undefined, namedList: () => undefined },
    lookups: createLookupRegistry(),
    testMode: true,
    admin: true,
  });
}

async function outcome(text: string, ctx: ExpandContext): Promise<string> {
  try {
    return `ok:${(await expand(text, ctx)).s}`;
  } catch (err) {
    if (err instanceof ExpandError) return `${err.kind}:${err.message}`;
    throw err;
  }
}

/** `@` in a template is the slot: the data for a key written literally, or a lookup of the key. */
const TEMPLATES: ReadonlyArray<readonly [string, string]> = [
  ['${if eq{@}{v}{yes}{no}}', 'v'],
  ['${if and{{eq{@}{v}}{bool{bad}}}{yes}{no}}', 'v'],
  ['${if or{{eq{@}{x}}{bool{@}}}{yes}{no}}', 'bad'],
  ['${if !eq{@}{v}{yes}{no}}', 'v'],
  ['${if eq{@}{v}{$value}fail}', 'v'],
  ['${if eq{@}{x}{yes}fail}', 'v'],
  ['${if match{@}{^(a)(b)}{$1-$2}{none}}[$1]', 'abc'],
  ['${lc:${if eq{@}{v}{A}{B}}}', 'v'],
  ['x${uc:@}y${length_1:@}', 'abc'],
  ['${if eq{@}{v}{${if eq{@}{v}{in}{out}}}{no}}', 'v'],
  ['${if eq{@}{v} {yes}{no}', 'v'],
  ['${if forany{@}{eq{$item}{b}}{yes}{no}}[$item]', 'list'],
  ['${if def:value{y}{n}}${if eq{@}{}{e}{ne}}', 'empty'],
  ['${extract{2}{:}{@}{<$value>}{none}}', 'list'],
  ['${if eq{@}{v}{${nosuch}}{no}}', 'v'],
  ['${sg{@}{(b)}{<$1>}}', 'abc'],
  ['${sg{xbxb}{(b)}{<$1@>}}[$1]', 'v'],
  ['${sg{xbxb}{(b}{@}}', 'v'],
  ['${substr{1}{@}}${length{2}{@}}${hash{3}{@}}${nhash{7}{@}}${tr{@}{ab}{AB}}', 'abc'],
  ['${substr{@}{2}{abc}}', 'bad'],
  ['${extract{@}{x=1 v=2}{<$value>}{none}}', 'v'],
  ['${extract{2}{@}{a:b:c}}', 'list'],
  ['${extract{@}{:}{a:b:c}{<$value>}fail}', 'bad'],
  ['${extract json{name}{{"name": "@"}}}${extract jsons{1}{["@"]}}', 'abc'],
  ['${listextract{-1}{@}{<$value>}{none}}', 'list'],
  ['${listextract{@}{a:b}}', 'bad'],
  ['${map{@}{<$item>}}[$item]', 'list'],
  ['${map{@}{${if eq{$item}{b}{${nosuch}}{x}}}}', 'list'],
  ['${map{a:b}{${item}@}}', 'v'],
  ['${filter{@}{!eq{$item}{b}}}', 'list'],
  ['${filter{a:v:c}{eq{$item}{@}}}', 'v'],
  ['${reduce{@}{0}{$value+$item}}[$value]', 'list'],
  ['${reduce{a:b}{@}{${eval:$value+}}}', 'v'],
  ['${sort{@}{>}{$item}}', 'list'],
  ['${sort{3:20:100:4}{<}{${length_1:@}$item}}', 'abc'],
  ['${sort{a:b}{@}{$item}}', 'bad'],
  ['${listquote{:}{@}}${listquote{@}{a:b}}', 'list'],
  ['x${uc:@}${if eq{a}', 'abc'],
  ['${hmac{md5}{@}{text}}${hmac{@}{k}{t}}', 'v'],
  ['${prvs{user@example.com}{@}{3}}', 'abc'],
  ['${readfile{/nonexistent/@}}', 'v'],
  ['${env{@}{yes}{no}}', 'abc'],
  ['${if eq{${uc:@}}{V}{${nosuch}', 'v'],
];

test('literal and looked-up slots give the same outcome', async () => {
  for (const [template, word] of TEMPLATES) {
    const literal = template.replaceAll('@', DATA[word]!);
    const lookedUp = template.replaceAll('@', `\${lookup{${word}}lsearch{${file}}}`);
    assert.equal(await outcome(lookedUp, context()), await outcome(literal, context()), template);
  }
});

test('expandM returns plain values for synchronous strings and promises otherwise', async () => {
  const ctx = context();
  const plain = expandM('${if eq{a}{a}{yes}{no}}', ctx);
  assert.ok(!(plain instanceof Promise));
  assert.equal((plain as { s: string }).s, 'yes');
  const later = expandM(`\${lookup{v}lsearch{${file}}}`, ctx);
  assert.ok(later instanceof Promise);
  assert.equal((await later).s, 'v');
});

test('$value and $item are restored after both paths, including failures', async () => {
  const ctx = context();
  for (const text of ['${if eq{a}{a}{${nosuch}}}', `\${if eq{\${lookup{v}lsearch{${file}}}}{v}{\${nosuch}}}`]) {
    ctx.value = { s: 'outer', tainted: false };
    ctx.item = { s: 'item', tainted: false };
    await assert.rejects(expand(text, ctx));
    assert.equal(ctx.value?.s, 'outer');
    assert.equal(ctx.item?.s, 'item');
  }
});
