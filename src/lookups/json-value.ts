/**
 * A small JSON parser that keeps what JSON.parse loses and the json lookup needs: integers
 * versus reals (with their source text) and object member order. Output follows the Jansson
 * library's json_dumps() defaults (separators ", " and ": ", reals as %.17g with ".0" added to
 * integral values), which is what Exim's json lookup returns for objects and arrays.
 */

export type JsonValue =
  | { readonly t: 'object'; readonly members: ReadonlyArray<readonly [string, JsonValue]> }
  | { readonly t: 'array'; readonly items: readonly JsonValue[] }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'integer'; readonly text: string }
  | { readonly t: 'real'; readonly v: number }
  | { readonly t: 'true' | 'false' | 'null' };

export class JsonSyntaxError extends Error {}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const STRING = /"((?:[^"\\\u0000-\u001f]|\\(?:["\\\/bfnrt]|u[0-9A-Fa-f]{4}))*)"/y;

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new JsonSyntaxError(`${what} near offset ${this.pos}`);
  }

  ws(): void {
    WS.lastIndex = this.pos;
    WS.exec(this.text);
    this.pos = WS.lastIndex;
  }

  value(): JsonValue {
    this.ws();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { t: 'string', v: this.string() };
    for (const word of ['true', 'false', 'null'] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { t: word };
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail('invalid token');
    this.pos = NUMBER.lastIndex;
    if (m[1] === undefined && m[2] === undefined) return { t: 'integer', text: m[0] };
    return { t: 'real', v: Number(m[0]) };
  }

  string(): string {
    STRING.lastIndex = this.pos;
    const m = STRING.exec(this.text);
    if (!m) this.fail('invalid string');
    this.pos = STRING.lastIndex;
    return JSON.parse(`"${m[1]}"`) as string;
  }

  expect(ch: string): void {
    this.ws();
    if (this.text[this.pos] !== ch) this.fail(`'${ch}' expected`);
    this.pos++;
  }

  /** Whether the next character closes the container (and consume it). */
  closes(ch: string): boolean {
    this.ws();
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  object(): JsonValue {
    this.pos++;
    const members: Array<readonly [string, JsonValue]> = [];
    if (this.closes('}')) return { t: 'object', members };
    do {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail('string or \'}\' expected');
      const name = this.string();
      this.expect(':');
      members.push([name, this.value()]);
    } while (this.next(',', '}'));
    return { t: 'object', members };
  }

  array(): JsonValue {
    this.pos++;
    const items: JsonValue[] = [];
    if (this.closes(']')) return { t: 'array', items };
    do items.push(this.value());
    while (this.next(',', ']'));
    return { t: 'array', items };
  }

  /** After an element: true for the separator, false for the closer. */
  next(sep: string, close: string): boolean {
    this.ws();
    const c = this.text[this.pos++];
    if (c === sep) return true;
    if (c === close) return false;
    return this.fail(`'${sep}' or '${close}' expected`);
  }
}

export function parseJson(text: string): JsonValue {
  const p = new Parser(text);
  const v = p.value();
  p.ws();
  if (p.pos !== text.length) p.fail('end of file expected');
  return v;
}

/** C's printf("%.17g"), then Jansson's touches: ".0" for integral values, no "+" or leading zeros in exponents. */
export function formatReal(v: number): string {
  let s: string;
  const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 17) {
    s = v.toExponential(16).replace(/\.?0+e/, 'e');
    s = s.replace(/e([+-])0*(\d)/, (_m, sign: string, d: string) => `e${sign === '-' ? '-' : ''}${d}`);
  } else {
    s = v.toPrecision(17);
    if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  if (!/[.e]/.test(s)) s += '.0';
  return s;
}

function dumpString(s: string): string {
  const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  // eslint-disable-next-line no-control-regex
  const body = s.replace(/["\\\u0000-\u001f]/g, (c) => escapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${body}"`;
}

export function dumpJson(v: JsonValue): string {
  switch (v.t) {
    case 'object':
      return `{${v.members.map(([k, m]) => `${dumpString(k)}: ${dumpJson(m)}`).join(', ')}}`;
    case 'array':
      return `[${v.items.map(dumpJson).join(', ')}]`;
    case 'string':
      return dumpString(v.v);
    case 'integer':
      return v.text;
    case 'real':
      return formatReal(v.v);
    default:
      return v.t;
  }
}
