/** Shared loading of the exim4 oracle fixture for conditions (see scripts/oracle/gen-conditions.mjs). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ExpandConfigView, ExpandContext } from '../../../src/expand/types.js';
import { createLookupRegistry } from '../../../src/lookups/index.js';

export interface ConditionCase {
  cond: string;
  args: string[];
  expr: string;
  probe?: 'value' | 'numeric';
  result?: boolean;
  probed?: string;
  error?: string;
}

const FIXTURE_DIR = 'test/fixtures/expand-conditions';
export const FILES_DIR = resolve(FIXTURE_DIR, 'files');

export const withFiles = (s: string): string => s.replaceAll('@FILES@', FILES_DIR);

export function loadConditionCases(): ConditionCase[] {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}/conditions.json`, 'utf8')) as ConditionCase[];
}

export const NO_CONFIG: ExpandConfigView = {
  mainOption: () => undefined,
  namedList: () => undefined,
};

/** A bare context for calling condition functions directly. */
export function bareContext(config: ExpandConfigView = NO_CONFIG): ExpandContext {
  return {
    vars: new Map(),
    config,
    numeric: [],
    services: {
      lookups: createLookupRegistry(),
      expand: async () => {
        throw new Error('nested expansion is not used by these tests');
      },
    },
  };
}

/** What `${if ...{T<probe>}{F}}` printed, rebuilt from a case's recorded answer. */
export function expectedOutput(c: ConditionCase): string {
  if (!c.result) return 'F';
  return c.probe ? `T[${c.probed ?? ''}]` : 'T';
}
