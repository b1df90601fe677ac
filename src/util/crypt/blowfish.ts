/**
 * The Blowfish cipher state (Schneier, 1993) with the two key-schedule steps bcrypt needs:
 * the standard expansion (key only) and the salted "expensive" expansion of Provos and
 * Mazieres. The initial state is pi's fractional hex digits: 18 P words, then 4 x 256 S words.
 */
import { piFractionWords } from './pi-hex.js';

const P_WORDS = 18;
const S_WORDS = 256;
let initialState: Uint32Array | undefined;

function initial(): Uint32Array {
  initialState ??= piFractionWords(P_WORDS + 4 * S_WORDS);
  return initialState;
}

/** Reads big-endian 32-bit words from a byte string, wrapping around at its end. */
export class CyclicWords {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  next(): number {
    let w = 0;
    for (let i = 0; i < 4; i++) {
      w = ((w << 8) | this.bytes[this.pos]!) >>> 0;
      this.pos = (this.pos + 1) % this.bytes.length;
    }
    return w;
  }
}

export class Blowfish {
  /** P (18 words) followed by the four S-boxes, as in the initial-state layout. */
  private readonly state = Uint32Array.from(initial());

  private f(x: number): number {
    const s = this.state;
    const a = s[P_WORDS + (x >>> 24)]!;
    const b = s[P_WORDS + S_WORDS + ((x >>> 16) & 255)]!;
    const c = s[P_WORDS + 2 * S_WORDS + ((x >>> 8) & 255)]!;
    const d = s[P_WORDS + 3 * S_WORDS + (x & 255)]!;
    return ((((a + b) >>> 0) ^ c) + d) >>> 0;
  }

  encrypt(left: number, right: number): [number, number] {
    const p = this.state;
    let l = left;
    let r = right;
    for (let i = 0; i < 16; i++) {
      l = (l ^ p[i]!) >>> 0;
      r = (r ^ this.f(l)) >>> 0;
      [l, r] = [r, l];
    }
    // Undo the last swap, then whiten with the final two P words.
    return [(r ^ p[17]!) >>> 0, (l ^ p[16]!) >>> 0];
  }

  /**
   * Mix `key` into P, then re-encrypt the whole state in place, chaining blocks; when `salt`
   * is given its words are XORed into each block first (bcrypt's ExpandKey).
   */
  expandKey(key: Uint8Array, salt?: Uint8Array): void {
    const keyWords = new CyclicWords(key);
    for (let i = 0; i < P_WORDS; i++) this.state[i] = (this.state[i]! ^ keyWords.next()) >>> 0;
    const saltWords = salt ? new CyclicWords(salt) : undefined;
    let l = 0;
    let r = 0;
    for (let i = 0; i < this.state.length; i += 2) {
      if (saltWords) {
        l = (l ^ saltWords.next()) >>> 0;
        r = (r ^ saltWords.next()) >>> 0;
      }
      [l, r] = this.encrypt(l, r);
      this.state[i] = l;
      this.state[i + 1] = r;
    }
  }
}
