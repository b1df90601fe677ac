/**
 * -bP config: the configuration file as Exim re-prints it (comments and blank lines dropped,
 * continuations joined, sections and driver/ACL bodies re-indented).
 *
 * PARTIAL: works on the raw file; macro substitution and .ifdef/.include processing belong to the
 * configuration reader and are not applied here (directive lines are dropped).
 */
import { readFileSync } from 'node:fs';
import type { LoadedConfig } from '../types.js';
import { EXIM_VERSION } from './version.js';

/** Physical lines joined at trailing backslashes, comments and blanks removed, ends trimmed. */
export function logicalLines(text: string): string[] {
  const out: string[] = [];
  let pending: string | undefined;
  for (const raw of text.split('\n')) {
    const trimmed = raw.replace(/[ \t\r]+$/, '');
    const body = pending === undefined ? trimmed.replace(/^[ \t]+/, '') : trimmed.replace(/^[ \t]+/, '');
    if (pending === undefined && (body === '' || body.startsWith('#'))) continue;
    const joined = (pending ?? '') + body;
    if (joined.endsWith('\\')) {
      pending = joined.slice(0, -1);
      continue;
    }
    pending = undefined;
    out.push(joined);
  }
  if (pending !== undefined) out.push(pending);
  return out;
}

function sectionBody(section: string, line: string): string {
  if (section === 'retry' || section === 'rewrite') return `  ${line.replace(/[ \t]+/g, ' ')}`;
  return /^[^\s=]+:$/.test(line) ? `  ${line}` : `    ${line}`;
}

export function printSourceConfig(config: LoadedConfig): string {
  let text: string;
  try {
    text = readFileSync(config.sourceName, 'latin1');
  } catch {
    return '';
  }
  let out = `# Exim Configuration (${EXIM_VERSION})\n# 1 "${config.sourceName}"\n`;
  let section = '';
  let seenInstance = false;
  for (const line of logicalLines(text)) {
    if (line.startsWith('.')) continue;
    const begin = /^begin\s+(\S+)$/.exec(line);
    if (begin) {
      section = begin[1]!;
      seenInstance = false;
      out += `\nbegin ${section}\n${section === 'retry' || section === 'rewrite' ? '' : '\n'}`;
      continue;
    }
    if (section === '') {
      out += `${line}\n`;
      continue;
    }
    const isName = /^[^\s=]+:$/.test(line) && section !== 'retry' && section !== 'rewrite';
    if (isName && seenInstance) out += '\n';
    if (isName) seenInstance = true;
    out += `${sectionBody(section, line)}\n`;
  }
  return out;
}
