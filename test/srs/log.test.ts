// The SRS sender on deliveries: the SRS= log field and the return path it gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressItem } from '../../src/route/types.js';
import { srsLogField, srsReturnPath, srsVariables, SRS_VARIABLE_NAMES } from '../../src/srs/index.js';
import { tainted } from '../../src/expand/types.js';

test('SRS=<...> only when the address has an SRS sender', () => {
  const a = new AddressItem('bob@dest.example');
  assert.equal(srsLogField(a), '');
  a.prop.srsSender = 'SRS0=HHHH=2W=orig.example=alice@fwd.example';
  assert.equal(srsLogField(a), ' SRS=<SRS0=HHHH=2W=orig.example=alice@fwd.example>');
});

test('return path: errors_to first, then the SRS sender, then the message sender', () => {
  const a = new AddressItem('bob@dest.example');
  assert.equal(srsReturnPath(a, 'alice@orig.example'), 'alice@orig.example');
  a.prop.srsSender = 'SRS0=h=2W=orig.example=alice@fwd.example';
  assert.equal(srsReturnPath(a, 'alice@orig.example'), 'SRS0=h=2W=orig.example=alice@fwd.example');
  a.prop.errorsAddress = '';
  assert.equal(srsReturnPath(a, 'alice@orig.example'), '');
  a.prop.errorsAddress = 'owner@fwd.example';
  assert.equal(srsReturnPath(a, 'alice@orig.example'), 'owner@fwd.example');
});

test('srsVariables gives all six libsrs_alt variables, empty when unset', () => {
  const vars = srsVariables({ recipient: tainted('a@b'), status: { s: 'Time stamp expired', tainted: false } });
  assert.deepEqual([...vars.keys()], [...SRS_VARIABLE_NAMES]);
  assert.deepEqual(vars.get('srs_recipient'), tainted('a@b'));
  assert.equal(vars.get('srs_status')!.s, 'Time stamp expired');
  assert.deepEqual(vars.get('srs_db_key'), { s: '', tainted: false });
});
