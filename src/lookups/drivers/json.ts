/**
 * json: the file holds one JSON document; the key is an Exim list of selectors applied in
 * turn (numeric ones index arrays, others name object members). A string result is returned
 * without quotes, anything else as JSON text. The installed Exim 4.96 is built without this
 * type, so the exact texts of errors and of non-string results follow the spec and the
 * behaviour of the Jansson library Exim uses, not an oracle run.
 */
import { promises as fs } from 'node:fs';
import { bytesToString } from '../../expand/operators/bytes.js';
import { listItems } from '../../util/exim-list.js';
import { openFailure } from '../file-util.js';
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

async function readDocument(path: string): Promise<JsonValue> {
  let text: string;
  try {
    text = bytesToString(await fs.readFile(path));
  } catch (err) {
    throw openFailure(`${path} for json search`, err);
  }
  try {
    return parseJson(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new LookupDefer(`json error on file ${path}: ${err.message}`);
    throw err;
  }
}

export const jsonDriver: LookupDriver = {
  name: 'json',
  style: 'single-key',
  async checkFile(path: string): Promise<void> {
    try {
      await fs.access(path, fs.constants.R_OK);
    } catch (err) {
      throw openFailure(`${path} for json search`, err);
    }
  },
  async find(req: LookupRequest): Promise<string | null> {
    const found = jsonSelect(await readDocument(req.file!), req.key);
    if (found === undefined) return null;
    return found.t === 'string' ? found.v : dumpJson(found);
  },
};
