// SrsConfig from the main options, read from a configuration parsed by the real parser, and
// the texts Exim logged for a bad SRS configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optionsApi, parseConfig } from '../../src/config/index.js';
import { atoi, srsConfigFromOptions, SrsConfigError } from '../../src/srs/index.js';

function configOf(mainText: string) {
  const cfg = parseConfig({ file: 'srs.conf', text: mainText }, optionsApi);
  return srsConfigFromOptions((name) => cfg.mainOption(name));
}

function configError(mainText: string): string {
  try {
    configOf(mainText);
  } catch (err) {
    if (err instanceof SrsConfigError) return err.message;
    throw err;
  }
  return 'no error';
}

test('srs_secrets and the separate options, with their defaults', () => {
  assert.deepEqual(configOf('srs_secrets = first : second : third\n'), {
    secrets: ['first', 'second', 'third'], maxAge: 31, hashLength: 6, hashMin: 6, useTimestamp: true, useHash: true,
  });
  assert.deepEqual(configOf('srs_secrets = s\nsrs_maxage = 7\nsrs_hashlength = 8\nsrs_hashmin = 4\nno_srs_usetimestamp\nno_srs_usehash\n'), {
    secrets: ['s'], maxAge: 7, hashLength: 8, hashMin: 4, useTimestamp: false, useHash: false,
  });
});

test('srs_config overrides field by field; its secret makes every srs_secrets item an extra one', () => {
  assert.deepEqual(configOf('srs_config = legacy:10:4:0:1\nsrs_secrets = old1 : old2\n'), {
    secrets: ['legacy', 'old1', 'old2'], maxAge: 10, hashLength: 4, hashMin: 4, useTimestamp: false, useHash: true,
  });
  // Missing fields keep the separate options; numbers are read as atoi does, from 3 characters.
  assert.deepEqual(configOf('srs_config = s:1000\nsrs_hashlength = 9\n'), {
    secrets: ['s'], maxAge: 100, hashLength: 9, hashMin: 9, useTimestamp: true, useHash: true,
  });
  assert.equal(configOf('srs_config = s:5:5:true:yes\n').useTimestamp, false);
  // An empty secret in srs_config falls back to the first of srs_secrets.
  assert.deepEqual(configOf('srs_config = :5\nsrs_secrets = a : b\n').secrets, ['a', 'b']);
});

test('secrets are cut to 31 characters and empty extra secrets are ignored', () => {
  assert.deepEqual(configOf(`srs_secrets = ${'x'.repeat(40)} : : y\n`).secrets, ['x'.repeat(31), 'y']);
});

test("Exim's configuration error texts", () => {
  assert.equal(configError(''), 'SRS Configuration Error: No secret specified');
  assert.equal(configError('srs_maxage = 400\nsrs_secrets = s\n'), 'SRS Configuration Error: Invalid maximum timestamp age');
  assert.equal(configError('srs_maxage = -1\nsrs_secrets = s\n'), 'SRS Configuration Error: Invalid maximum timestamp age');
  assert.equal(configError('srs_hashlength = 21\nsrs_secrets = s\n'), 'SRS Configuration Error: Invalid hash length');
  assert.equal(configError('srs_hashmin = 0\nsrs_secrets = s\n'), 'SRS Configuration Error: Invalid hash length');
  assert.equal(configError('srs_config = s:31:0\n'), 'SRS Configuration Error: Invalid hash length');
});

test('atoi reads a leading integer like C', () => {
  assert.deepEqual(['12x', ' -3', '+4', 'x1', '', 'true'].map(atoi), [12, -3, 4, 0, 0, 0]);
});

test('_HAVE_SRS and _HAVE_NATIVE_SRS are defined, so SRS settings can be made conditional on them', () => {
  const text = '.ifdef _HAVE_SRS\nsrs_secrets = have-srs\n.endif\n.ifdef _HAVE_NATIVE_SRS\nsrs_maxage = 9\n.endif\n';
  assert.deepEqual(configOf(text), { secrets: ['have-srs'], maxAge: 9, hashLength: 6, hashMin: 6, useTimestamp: true, useHash: true });
});
