/** $1/$2 of partial and default matches (values checked with exim4 -be on partial.lsearch). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyParts } from '../../src/lookups/candidates.js';

test('keyParts gives the wild and fixed parts as Exim sets $1 and $2', () => {
  const p2 = { minComponents: 2, prefix: '*.' };
  assert.deepEqual(keyParts('z.a.b', '*.a.b', p2, 'none'), { wild: 'z', fixed: 'a.b' });
  assert.deepEqual(keyParts('a.b', '*.a.b', { minComponents: 1, prefix: '*.' }, 'none'), { wild: '', fixed: 'a.b' });
  assert.deepEqual(keyParts('y.x.dot.example', '.dot.example', { minComponents: 2, prefix: '.' }, 'none'), { wild: 'y.x', fixed: 'dot.example' });
  assert.deepEqual(keyParts('1984.d.e', '1984.d.e', p2, 'none'), { wild: '', fixed: '1984.d.e' });
  assert.deepEqual(keyParts('q.r.s', '*', { minComponents: 0, prefix: '*.' }, 'none'), { wild: 'q.r.', fixed: '' });
  assert.deepEqual(keyParts('zz', '*', p2, 'star'), { wild: 'zz', fixed: '' });
  assert.deepEqual(keyParts('x@b.c', '*@b.c', undefined, 'star-at'), { wild: 'x', fixed: '' });
  assert.equal(keyParts('a@b.c', 'a@b.c', undefined, 'star-at'), undefined);
});
