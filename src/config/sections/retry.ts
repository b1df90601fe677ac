/**
 * The retry section: `pattern error [senders=list] params`, params being `;`-separated
 * `F,cutoff,interval` or `G|H,cutoff,interval,factor`.
 */
import { ConfigError } from '../../util/errors.js';
import type { ParseState, SectionParser } from '../parse-state.js';
import { readField, skipSpace } from '../text.js';
import type { RetryParam, SourceLocation } from '../types.js';
import { checkRetryError } from './retry-errors.js';
import { readIntervalAt } from './time.js';

const BAD_PARAMS = 'bad parameters for retry rule';

class RetryParamReader {
  constructor(
    private readonly text: string,
    private pos: number,
    private readonly loc: SourceLocation,
  ) {}

  private fail(message: string): never {
    throw new ConfigError(message, this.loc.file, this.loc.line);
  }

  private expectComma(): void {
    if (this.text[this.pos] !== ',') this.fail('comma expected');
    this.pos++;
  }

  private interval(): number {
    const t = readIntervalAt(this.text, this.pos);
    if (!t) this.fail(BAD_PARAMS);
    this.pos = t.end;
    return t.seconds;
  }

  private factor(): number {
    const m = /^\s*(\d+(?:\.\d*)?)/.exec(this.text.slice(this.pos));
    if (!m) this.fail(BAD_PARAMS);
    this.pos += m[0].length;
    const next = this.text.charAt(this.pos);
    if (next !== '' && next !== ';' && !/\s/.test(next)) this.fail(BAD_PARAMS);
    return Number(m[1]);
  }

  private one(): RetryParam {
    const letter = this.text.charAt(this.pos++).toUpperCase();
    this.expectComma();
    if (letter !== 'F' && letter !== 'G' && letter !== 'H') this.fail('unknown retry rule letter');
    const cutoff = this.interval();
    this.expectComma();
    const interval = this.interval();
    let factor: number | undefined;
    if (letter !== 'F') {
      this.expectComma();
      factor = this.factor();
    }
    if (cutoff <= 0 || interval <= 0 || (factor !== undefined && factor < 1)) this.fail(BAD_PARAMS);
    return factor === undefined ? { algorithm: letter, cutoff, interval } : { algorithm: letter, cutoff, interval, factor };
  }

  all(): RetryParam[] {
    const params: RetryParam[] = [];
    this.pos = skipSpace(this.text, this.pos);
    while (this.pos < this.text.length) {
      params.push(this.one());
      this.pos = skipSpace(this.text, this.pos);
      if (this.pos >= this.text.length) break;
      if (this.text[this.pos] !== ';') this.fail('semicolon expected');
      this.pos = skipSpace(this.text, this.pos + 1);
    }
    return params;
  }
}

export class RetrySection implements SectionParser {
  constructor(private readonly state: ParseState) {}

  line(text: string): void {
    const loc = this.state.reader.location;
    const pattern = readField(text, 0);
    const error = readField(text, pattern.end);
    if (error.value === '') throw new ConfigError('missing error type in retry rule', loc.file, loc.line);
    const check = checkRetryError(error.value);
    if (!check.ok) throw new ConfigError(check.message, loc.file, loc.line);
    if (check.warning !== undefined) this.state.warnings.push(check.warning);
    let pos = skipSpace(text, error.end);
    let senders: string | undefined;
    const sendersWord = /^senders\s*=\s*/.exec(text.slice(pos));
    if (sendersWord) {
      const field = readField(text, pos + sendersWord[0].length);
      senders = field.value;
      pos = field.end;
    }
    const params = new RetryParamReader(text, pos, loc).all();
    this.state.retry.push({
      pattern: pattern.value,
      error: error.value,
      ...(senders !== undefined ? { senders } : {}),
      params,
      loc,
    });
  }

  end(): void {}
}
