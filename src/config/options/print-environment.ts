/**
 * -bP environment: the environment Exim keeps after applying keep_environment (names, ^regex
 * patterns or * wildcards; unset or empty keeps nothing) and add_environment (NAME=value items).
 */
import type { LoadedConfig } from '../types.js';
import { mainOptionValue } from './main-value.js';

function splitColonList(text: string): string[] {
  let sep = ':';
  let body = text.trim();
  const m = /^<\s*(\S)/.exec(body);
  if (m) {
    sep = m[1]!;
    body = body.slice(m[0].length);
  }
  return body
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function matchesPattern(name: string, pattern: string): boolean {
  if (pattern.startsWith('^')) return new RegExp(pattern).test(name);
  if (pattern.startsWith('*')) return name.endsWith(pattern.slice(1));
  return name === pattern;
}

export function printEnvironment(config: LoadedConfig, env: NodeJS.ProcessEnv = process.env): string {
  const keep = mainOptionValue(config.main, 'keep_environment');
  const patterns = typeof keep === 'string' ? splitColonList(keep) : [];
  const kept = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && patterns.some((p) => matchesPattern(name, p))) kept.set(name, value);
  }
  const add = mainOptionValue(config.main, 'add_environment');
  for (const item of typeof add === 'string' ? splitColonList(add) : []) {
    const eq = item.indexOf('=');
    if (eq > 0) kept.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return [...kept].map(([k, v]) => `${k}=${v}\n`).join('');
}
