/**
 * Minimal JSON scanning as Exim's extract json / forany_json do it: values are returned as the
 * raw text slices of the input (strings keep their quotes unless stripped for the "jsons"
 * variants), leading white space skipped, anything up to the next delimiter kept.
 */

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** End (exclusive) of the JSON value starting at i, or -1 when it is not terminated. */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === '"') return j + 1;
    }
    return -1;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') {
        const e = valueEnd(text, j);
        if (e < 0) return -1;
        j = e - 1;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < text.length && text[j] !== ',' && text[j] !== '}' && text[j] !== ']') j++;
  return j;
}

/** Split the members of an object/array body (text between the wrapping brackets). */
function splitMembers(body: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    while (isWs(body[i])) i++;
    if (i >= body.length) return out;
    const end = valueEnd(body, i);
    if (end < 0) return undefined;
    let j = end;
    // Object members: "name" : value
    while (isWs(body[j])) j++;
    if (body[j] === ':') {
      j++;
      while (isWs(body[j])) j++;
      const vend = valueEnd(body, j);
      if (vend < 0) return undefined;
      j = vend;
    }
    out.push(body.slice(i, j));
    while (j < body.length && body[j] !== ',') j++;
    i = j + 1;
    if (j >= body.length) return out;
  }
}

/** Remove the quotes of a JSON string value (escapes are left as written, as Exim does). */
export function dequoteJson(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** Elements of a JSON array text, or undefined when it is not an array. */
export function jsonArrayElements(text: string): string[] | undefined {
  const t = text.replace(/^[ \t\n\r]+/, '');
  if (!t.startsWith('[')) return undefined;
  const end = valueEnd(t, 0);
  if (end < 0) return undefined;
  return splitMembers(t.slice(1, end - 1));
}

/** Value of member `key` of a JSON object text; undefined when absent; throws a message string for bad wrapping. */
export function jsonObjectMember(text: string, key: string): string | undefined {
  const t = text.replace(/^[ \t\n\r]+/, '');
  if (!t.startsWith('{')) throw new JsonShapeError("missing '{' wrapping object for extract json");
  const end = valueEnd(t, 0);
  if (end < 0) throw new JsonShapeError("missing '}' wrapping object for extract json");
  for (const m of splitMembers(t.slice(1, end - 1)) ?? []) {
    const nameEnd = valueEnd(m, 0);
    if (m[0] !== '"' || nameEnd < 0) continue;
    if (m.slice(1, nameEnd - 1) !== key) continue;
    let j = nameEnd;
    while (isWs(m[j])) j++;
    if (m[j] !== ':') continue;
    j++;
    while (isWs(m[j])) j++;
    return m.slice(j);
  }
  return undefined;
}

export class JsonShapeError extends Error {}
