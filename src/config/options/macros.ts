/**
 * Built-in macros (_HAVE_*, _OPT_*, _DRIVER_*, _LOG_*, _ACL_*, ...). Exim creates them in a fixed
 * order and keeps them in a list it prepends to, so -bP macros shows them newest first; we build
 * the creation order and reverse it.
 */
import type { DriverKind, MacroDefinition, OptionDef } from '../types.js';
import { genericTable, kindDriverNames, privateTable } from './drivers.js';
import { mainOptionTable } from './main-table.js';
import {
  ACL_ITEMS,
  APPENDFILE_FORMATS,
  CRYPTO,
  DKIM_SIGN_HEADERS,
  FEATURES,
  LOG_SELECTORS,
  LOOKUPS,
  RESUME_DECODE,
  TLS_LATE_FEATURES,
} from './macros-data.js';

/** Option and driver names become macro suffixes in upper case. */
function macroPart(name: string): string {
  return name.toUpperCase();
}

const KIND_WORD: Readonly<Record<DriverKind, string>> = {
  router: 'ROUTER',
  transport: 'TRANSPORT',
  authenticator: 'AUTHENTICATOR',
};

/** Internal options (written with a leading '*') get no macro. */
function macroNames(defs: readonly OptionDef[]): string[] {
  return defs.filter((d) => !d.name.startsWith('*')).map((d) => macroPart(d.name));
}

function driverMacros(kind: DriverKind): string[] {
  const word = KIND_WORD[kind];
  const out = macroNames(genericTable(kind).all()).map((n) => `_OPT_${word}S_${n}`);
  for (const driver of kindDriverNames(kind)) {
    out.push(`_DRIVER_${word}_${macroPart(driver)}`);
    for (const n of macroNames(privateTable(kind, driver)?.all() ?? [])) out.push(`_OPT_${word}_${macroPart(driver)}_${n}`);
  }
  return out;
}

/** Macro names (value "y") and valued macros, in Exim's creation order. */
function creationOrder(): [string, string][] {
  const y = (names: readonly string[]): [string, string][] => names.map((n) => [n, 'y']);
  return [
    ...y(FEATURES.map((f) => `_HAVE_${f}`)),
    ...y(LOOKUPS.map((l) => `_HAVE_LOOKUP_${l}`)),
    ...y(APPENDFILE_FORMATS.map((f) => `_HAVE_TRANSPORT_APPEND_${f}`)),
    ...y(ACL_ITEMS.map(([k, n]) => `_ACL_${k}_${n.toUpperCase()}`)),
    ...y(CRYPTO),
    ...y(macroNames(mainOptionTable.all()).map((n) => `_OPT_MAIN_${n}`)),
    ...y(driverMacros('router')),
    ...y(driverMacros('transport')),
    ...y(driverMacros('authenticator')),
    ...y(LOG_SELECTORS.map((s) => `_LOG_${s.toUpperCase()}`)),
    ['_RESUME_DECODE', RESUME_DECODE],
    ...y(TLS_LATE_FEATURES.map((f) => `_HAVE_${f}`)),
    ['_DKIM_SIGN_HEADERS', DKIM_SIGN_HEADERS.join(':')],
    ['_DKIM_OVERSIGN_HEADERS', DKIM_SIGN_HEADERS.map((h) => `+${h}`).join(':')],
  ];
}

let cached: readonly MacroDefinition[] | undefined;

/** The built-in macros in the order -bP macros prints them. */
export function builtinMacros(): MacroDefinition[] {
  cached ??= creationOrder()
    .reverse()
    .map(([name, value]) => ({ name, value, builtin: true }));
  return [...cached];
}
