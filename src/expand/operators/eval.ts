/**
 * eval and eval10: integer expressions with C precedence, computed in 64-bit signed
 * arithmetic with Exim's quirks (saturating literals, wrapping products, one-sided overflow
 * checks on + and -, shift counts taken modulo 64).
 */
import { ExpandError } from '../types.js';
import { registerOperator } from './registry.js';

const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);
const SUFFIX: Record<string, bigint> = { k: 1024n, m: 1024n * 1024n, g: 1024n * 1024n * 1024n };

class EvalFailure extends Error {
  constructor(
    readonly reason: string,
    readonly consumed: number,
  ) {
    super(reason);
  }
}

class ExpressionParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly decimalOnly: boolean,
  ) {}

  run(): bigint {
    const value = this.or();
    if (this.pos < this.text.length) this.fail('expecting operator');
    return value;
  }

  private fail(reason: string): never {
    throw new EvalFailure(reason, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /[ \t\n\v\f\r]/.test(this.text[this.pos]!)) this.pos++;
  }

  /** One left-associative binary precedence level. */
  private level(ops: readonly string[], next: () => bigint, apply: (op: string, x: bigint, y: bigint) => bigint): bigint {
    let x = next();
    for (;;) {
      const op = ops.find((o) => this.text.startsWith(o, this.pos));
      if (op === undefined) return x;
      this.pos += op.length;
      x = apply(op, x, next());
    }
  }

  private or = (): bigint => this.level(['|'], this.xor, (_, x, y) => x | y);
  private xor = (): bigint => this.level(['^'], this.and, (_, x, y) => x ^ y);
  private and = (): bigint => this.level(['&'], this.shift, (_, x, y) => x & y);
  private shift = (): bigint =>
    this.level(['<<', '>>'], this.sum, (op, x, y) => {
      const count = BigInt.asUintN(6, y);
      return op === '<<' ? wrap(x << count) : x >> count;
    });
  private sum = (): bigint =>
    this.level(['+', '-'], this.product, (op, x, y) => {
      if (op === '+') {
        if (y > 0n && x > MAX - y) this.fail('overflow in sum');
        return wrap(x + y);
      }
      if (y < 0n && x > MAX + y) this.fail('overflow in difference');
      return wrap(x - y);
    });
  private product = (): bigint =>
    this.level(['*', '/', '%'], this.unary, (op, x, y) => {
      if (op === '*') return wrap(x * y);
      if (y === 0n) this.fail(op === '/' ? 'divide by zero' : 'modulo by zero');
      if (x === MIN && y === -1n) return MAX;
      return op === '/' ? x / y : x % y;
    });

  private unary = (): bigint => {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '-' || c === '~' || c === '+') {
      this.pos++;
      const v = this.unary();
      return c === '-' ? wrap(-v) : c === '~' ? ~v : v;
    }
    return this.primary();
  };

  private primary(): bigint {
    let value: bigint;
    if (this.text[this.pos] === '(') {
      this.pos++;
      value = this.or();
      if (this.text[this.pos] !== ')') this.fail('expecting closing parenthesis');
      this.pos++;
    } else {
      value = this.number();
    }
    this.skipSpace();
    return value;
  }

  /** A literal as strtoll/sscanf read it (saturating), then an optional K/M/G multiplier. */
  private number(): bigint {
    const rest = this.text.slice(this.pos);
    const m = this.decimalOnly ? /^\d+/.exec(rest) : /^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9]\d*)/.exec(rest);
    if (!m) this.fail('expecting number or opening parenthesis');
    this.pos += m[0].length;
    let value: bigint;
    if (this.decimalOnly) value = BigInt(m[0]);
    else if (/^0[xX]/.test(m[0])) value = m[0].length > 2 ? BigInt('0x' + m[0].slice(2)) : 0n;
    else if (m[0].length > 1 && m[0].startsWith('0')) value = BigInt('0o' + m[0].slice(1));
    else value = BigInt(m[0]);
    if (value > MAX) value = MAX;
    const multiplier = SUFFIX[(this.text[this.pos] ?? '').toLowerCase()];
    if (multiplier !== undefined) {
      this.pos++;
      value = wrap(value * multiplier);
    }
    return value;
  }
}

export function evaluateExpression(text: string, decimalOnly: boolean): string {
  try {
    return new ExpressionParser(text, decimalOnly).run().toString();
  } catch (err) {
    if (!(err instanceof EvalFailure)) throw err;
    throw new ExpandError(`error in expression evaluation: ${err.reason} (after processing "${text.slice(0, err.consumed)}")`);
  }
}

registerOperator({ name: 'eval', takesParams: true, fn: (s) => evaluateExpression(s, false) });
registerOperator({ name: 'eval10', takesParams: true, fn: (s) => evaluateExpression(s, true) });
