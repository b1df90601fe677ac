/**
 * ACL verbs, conditions and modifiers known to Exim 4.96 (as built with the usual optional
 * features: content scanning, DKIM, SPF). Adding one is one line here.
 */
import type { AclVerb } from '../types.js';

export const ACL_VERBS: readonly AclVerb[] = ['accept', 'defer', 'deny', 'discard', 'drop', 'require', 'warn'];

export type AclItemKind = 'condition' | 'modifier';

export const ACL_ITEMS: ReadonlyMap<string, AclItemKind> = new Map<string, AclItemKind>([
  ['acl', 'condition'],
  ['add_header', 'modifier'],
  ['authenticated', 'condition'],
  ['condition', 'condition'],
  ['continue', 'modifier'],
  ['control', 'modifier'],
  ['decode', 'condition'],
  ['delay', 'modifier'],
  ['dkim_signers', 'condition'],
  ['dkim_status', 'condition'],
  ['dnslists', 'condition'],
  ['domains', 'condition'],
  ['encrypted', 'condition'],
  ['endpass', 'modifier'],
  ['hosts', 'condition'],
  ['local_parts', 'condition'],
  ['log_message', 'modifier'],
  ['log_reject_target', 'modifier'],
  ['logwrite', 'modifier'],
  ['malware', 'condition'],
  ['message', 'modifier'],
  ['mime_regex', 'condition'],
  ['queue', 'modifier'],
  ['ratelimit', 'condition'],
  ['recipients', 'condition'],
  ['regex', 'condition'],
  ['remove_header', 'modifier'],
  ['seen', 'condition'],
  ['sender_domains', 'condition'],
  ['senders', 'condition'],
  ['set', 'modifier'],
  ['spam', 'condition'],
  ['spf', 'condition'],
  ['spf_guess', 'condition'],
  ['udpsend', 'modifier'],
  ['verify', 'condition'],
]);

/** Verbs on which `endpass` makes sense (it turns a later failure into a denial). */
export const ENDPASS_VERBS: ReadonlySet<AclVerb> = new Set<AclVerb>(['accept', 'discard']);
