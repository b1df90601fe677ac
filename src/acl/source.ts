/**
 * Where an ACL's statements come from, as Exim looks for them: a value starting with `/` is a
 * file (read once and kept), a value without white space is the name of an ACL in the
 * configuration, and anything else (or a name not found) is parsed as inline ACL text.
 */
import { strerror } from '../util/strerror.js';
import { readFileSync } from 'node:fs';
import type { AclStatement, LoadedConfig } from '../config/types.js';
import { AclError } from './errors.js';
import { parseAclText } from './parse.js';

export interface FoundAcl {
  /** The ACL's name, or `inline` / the file name. */
  readonly label: string;
  readonly statements: readonly AclStatement[];
}

const defaultReadFile = (path: string): string => readFileSync(path, 'latin1');


export class AclSource {
  private readonly files = new Map<string, FoundAcl>();
  private readonly inline = new Map<string, FoundAcl>();

  constructor(
    private readonly config: LoadedConfig,
    private readonly readFile: (path: string) => string = defaultReadFile,
  ) {}

  find(text: string): FoundAcl {
    if (text.startsWith('/')) return this.fromFile(text);
    if (!/\s/.test(text)) {
      const named = this.config.acls.get(text);
      if (named) return { label: named.name, statements: named.statements };
    }
    let found = this.inline.get(text);
    if (!found) {
      found = { label: 'inline', statements: parseAclText(text, 'inline') };
      this.inline.set(text, found);
    }
    return found;
  }

  private fromFile(path: string): FoundAcl {
    const cached = this.files.get(path);
    if (cached) return cached;
    let text: string;
    try {
      text = this.readFile(path);
    } catch (err) {
      throw new AclError(`failed to open ACL file "${path}": ${strerror(err)}`);
    }
    const found = { label: path, statements: parseAclText(text, path) };
    this.files.set(path, found);
    return found;
  }
}
