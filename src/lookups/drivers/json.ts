/**
 * json: the file holds one JSON document; the key is an Exim list of selectors applied in
 * turn (numeric ones index arrays, others name object members). A string result is returned
 * without quotes, anything else as JSON text. The installed Exim 4.96 is built without this
 * type, so the exact texts of errors and of non-string results follow the spec and the
 * behaviour of the Jansson library Exim uses, not an oracle run.
 */
import { accessSync, constants } from 'node:fs';
import { bytesToString } from '../../expand/operators/bytes.js';
import { listItems } from '../../util/exim-list.js';
import { FileContentCache, openFailure, withoutStack } from '../file-util.js';
import { dumpJson, JsonSyntaxError, parseJson, type JsonValue } from '../json-value.js';
import { LookupDefer, type LookupDriver, type LookupRequest } from '../types.js';

function select(v: JsonValue, selector: string): JsonValue | undefined {
  if (/^[0-9]+$/.test(selector)) {
    return v.t === 'array' ? v.items[Number.parseInt(selector, 10)] : undefined;
  }
  if (v.t !== 'object') return undefined;
  return v.members.find(([name]) => name === selector)?.[1];
}

/** The element the key's selectors lead to, or undefined. */
export function jsonSelect(doc: JsonValue, key: string): JsonValue | undefined {
  let v: JsonValue | undefined = doc;
  for (const selector of listItems(key)) {
    v = select(v, selector);
    if (v === undefined) return undefined;
  }
  return v;
}

/** A parsed document, or the syntax error it gave; kept while the file is unchanged. */
type ParsedDocument = { readonly doc: JsonValue } | { readonly syntaxError: string };

const documents = new FileContentCache<ParsedDocument>(8, 4 * 1024 * 1024);

function parseDocument(bytes: Buffer): ParsedDocument {
  try {
    return { doc: parseJson(bytesToString(bytes)) };
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { syntaxError: err.message };
    throw err;
  }
}

function readDocument(path: string): JsonValue {
  let parsed: ParsedDocument;
  try {
    parsed = documents.get(path, parseDocument);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === undefined) throw err;
    throw openFailure(`${path} for json search`, err);
  }
  if ('syntaxError' in parsed) throw new LookupDefer(`json error on file ${path}: ${parsed.syntaxError}`);
  return parsed.doc;
}

export const jsonDriver: LookupDriver = {
  name: 'json',
  style: 'single-key',
  async checkFile(path: string): Promise<void> {
    try {
      withoutStack(() => accessSync(path, constants.R_OK));
    } catch (err) {
      throw openFailure(`${path} for json search`, err);
    }
  },
  async find(req: LookupRequest): Promise<string | null> {
    const found = jsonSelect(readDocument(req.file!), req.key);
    if (found === undefined) return null;
    return found.t === 'string' ? found.v : dumpJson(found);
  },
};
