/** RFC 2822 address operators: address, domain, local_part, addresses. */
import { ExpandError } from '../types.js';
import { registerOperator } from './registry.js';
import { extractAddress, splitAddressList } from './rfc2822.js';
import { writtenName } from './params.js';

registerOperator({
  name: 'address',
  takesParams: true,
  fn(subject) {
    const a = extractAddress(subject);
    if (!a) return '';
    return a.domain === '' ? a.localPart : `${a.localPart}@${a.domain}`;
  },
});

registerOperator({ name: 'domain', takesParams: true, fn: (subject) => extractAddress(subject)?.domain ?? '' });
registerOperator({ name: 'local_part', fn: (subject) => extractAddress(subject)?.localPart ?? '' });

registerOperator({
  name: 'addresses',
  takesParams: true,
  fn(subject, params) {
    let list = subject;
    let sep = ':';
    if (list.startsWith('>')) {
      if (list.length < 2) throw new ExpandError(`output separator missing in expanding \${${writtenName('addresses', params)}:${subject}}`);
      sep = list[1]!;
      list = list.slice(2);
    }
    let out = '';
    let first = true;
    for (const item of splitAddressList(list)) {
      const a = extractAddress(item, { allowGroup: true });
      if (!a) continue;
      const text = a.domain === '' ? a.localPart : `${a.localPart}@${a.domain}`;
      // As in every output list Exim builds: an item starting with the separator gets a space
      // after the joining separator, so the doubled separator is not misread.
      if (!first) out += sep + (text.startsWith(sep) ? ' ' : '');
      out += text.split(sep).join(sep + sep);
      first = false;
    }
    return out;
  },
});
