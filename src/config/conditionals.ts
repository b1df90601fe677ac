/**
 * `.ifdef` / `.ifndef` / `.elifdef` / `.elifndef` / `.else` / `.endif` as a small state machine.
 *
 * States: processing lines; skipping and still looking for a true branch; skipping because an
 * earlier branch was taken; skipping a whole nested block (only its .endif matters).
 */
import { ConfigError } from '../util/errors.js';
import type { SourceLocation } from './types.js';

type CondState = 'processing' | 'seeking-branch' | 'branch-done' | 'nested-skip';

export type CondDirective = 'ifdef' | 'ifndef' | 'elifdef' | 'elifndef' | 'else' | 'endif';

export const COND_DIRECTIVES: readonly CondDirective[] = ['ifdef', 'ifndef', 'elifdef', 'elifndef', 'else', 'endif'];

export class ConditionalStack {
  private state: CondState = 'processing';
  private readonly saved: CondState[] = [];

  get skipping(): boolean {
    return this.state !== 'processing';
  }

  get open(): boolean {
    return this.saved.length > 0;
  }

  /** `macroFound`: whether the directive line contained any macro name. */
  apply(directive: CondDirective, macroFound: boolean, loc: SourceLocation): void {
    if (directive === 'ifdef' || directive === 'ifndef') {
      this.saved.push(this.state);
      const truth = directive === 'ifdef' ? macroFound : !macroFound;
      this.state = this.state !== 'processing' ? 'nested-skip' : truth ? 'processing' : 'seeking-branch';
      return;
    }
    if (this.saved.length === 0) {
      throw new ConfigError(`.${directive} without matching .ifdef`, loc.file, loc.line);
    }
    if (directive === 'endif') {
      this.state = this.saved.pop()!;
      return;
    }
    this.state = this.nextBranchState(directive, macroFound);
  }

  private nextBranchState(directive: 'elifdef' | 'elifndef' | 'else', macroFound: boolean): CondState {
    switch (this.state) {
      case 'processing':
        return 'branch-done';
      case 'seeking-branch': {
        if (directive === 'else') return 'processing';
        const truth = directive === 'elifdef' ? macroFound : !macroFound;
        return truth ? 'processing' : 'seeking-branch';
      }
      default:
        return this.state;
    }
  }
}
