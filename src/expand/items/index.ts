/** Item name -> handler. Parsing of each item's shape lives in ../parse-items.ts. */
import type { ItemHandler } from './util.js';
import { ifItem } from './if.js';
import { lookupItem } from './lookup.js';
import { extractItem, listextractItem } from './extract.js';
import { filterItem, listquoteItem, mapItem, reduceItem, sortItem } from './lists.js';
import { hashItem, lengthItem, nhashItem, sgItem, substrItem, trItem } from './strings.js';
import { hmacItem, prvscheckItem, prvsItem } from './crypto.js';
import { envItem, readfileItem } from './files.js';
import { runItem } from './run.js';
import { readsocketItem } from './readsocket.js';
import { aclItem, authresultsItem, certextractItem, dlfuncItem, imapfolderItem, perlItem } from './misc.js';
import { srsEncodeItem } from './srs-encode.js';

export const itemHandlers: ReadonlyMap<string, ItemHandler> = new Map<string, ItemHandler>([
  ['acl', aclItem],
  ['authresults', authresultsItem],
  ['certextract', certextractItem],
  ['dlfunc', dlfuncItem],
  ['env', envItem],
  ['extract', extractItem],
  ['filter', filterItem],
  ['hash', hashItem],
  ['hmac', hmacItem],
  ['if', ifItem],
  ['imapfolder', imapfolderItem],
  ['length', lengthItem],
  ['listextract', listextractItem],
  ['listquote', listquoteItem],
  ['lookup', lookupItem],
  ['map', mapItem],
  ['nhash', nhashItem],
  ['perl', perlItem],
  ['prvs', prvsItem],
  ['prvscheck', prvscheckItem],
  ['readfile', readfileItem],
  ['readsocket', readsocketItem],
  ['reduce', reduceItem],
  ['run', runItem],
  ['sg', sgItem],
  ['sort', sortItem],
  ['srs_encode', srsEncodeItem],
  ['substr', substrItem],
  ['tr', trItem],
]);
