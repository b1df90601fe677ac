/**
 * Who is running the command, and whether Exim would count them as an admin user: root, the
 * Exim user, or anyone in the Exim group or one of admin_groups (current or supplementary
 * group; the spec's "Trusted and admin users").
 */
import { userInfo } from 'node:os';
import type { LoadedConfig } from '../../config/types.js';
import type { Caller } from './context.js';

export interface CallerFacts {
  readonly uid: number;
  readonly gid: number;
  readonly groups: readonly number[];
  readonly login: string;
}

export function processCaller(): CallerFacts {
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  const groups = process.getgroups?.() ?? [];
  return { uid, gid, groups, login: loginOf(uid) };
}

/** The login name of a uid, or "uid N" when it has none (Exim's fallback wording). */
function loginOf(uid: number): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${uid}`;
  }
}

export function isAdmin(facts: CallerFacts, eximUid: number, eximGid: number, adminGroups: readonly number[]): boolean {
  if (facts.uid === 0 || facts.uid === eximUid) return true;
  const groups = new Set([facts.gid, ...facts.groups]);
  return groups.has(eximGid) || adminGroups.some((g) => groups.has(g));
}

export function callerFor(config: LoadedConfig, facts: CallerFacts = processCaller()): Caller {
  const num = (name: string): number => {
    const v = config.mainOption(name);
    return typeof v === 'number' ? v : -1;
  };
  const admin = isAdmin(facts, num('exim_user'), num('exim_group'), idList(config.mainOption('admin_groups')));
  return { uid: facts.uid, login: facts.login, admin };
}

function idList(value: unknown): number[] {
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  if (typeof value === 'number') return [value];
  return [];
}
