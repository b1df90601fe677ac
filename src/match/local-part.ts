/** Local part list items: like domain items without the local-host forms; `+caseful` allowed. */
import type { ExpandContext } from '../expand/types.js';
import type { KindHandler, WalkState } from './engine.js';
import { asciiLower, checkStringItem, type SubjectInfo } from './string-item.js';

export function localPartHandler(subject: SubjectInfo, ctx: ExpandContext, casefulAllowed = true): KindHandler {
  const lower: SubjectInfo = { ...subject, text: asciiLower(subject.text), original: subject.text };
  const exact: SubjectInfo = { ...subject, original: subject.text };
  return {
    kind: 'localpart',
    // Caseless matching compares against the lowercased subject; +caseful restores the original.
    check: (item, state) => checkStringItem(state.caseless ? lower : exact, item, state.caseless, ctx),
    // In `@@` lookup data Exim accepts +caseful but it does not change the matching.
    special: casefulAllowed ? casefulSwitch : (word) => word === '+caseful',
  };
}

export function casefulSwitch(word: string, state: WalkState): boolean {
  if (word !== '+caseful') return false;
  state.caseless = false;
  return true;
}
