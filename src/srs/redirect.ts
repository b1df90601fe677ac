/**
 * The libsrs_alt SRS options of the redirect router: srs, srs_alias, srs_condition,
 * srs_dbinsert, srs_dbselect. The redirect driver calls applyRedirectSrs once per address,
 * AFTER its generic preconditions passed and BEFORE it expands `data`/`file` (so those can use
 * $srs_recipient), exactly as Exim's redirect router did.
 *
 * Inputs
 * - options: the router's DriverOptions (srs* are read through it; `srs` is used as written).
 * - addr: the address being routed; addr.address is what reverse rewriting decodes, addr.domain
 *   the forwarding domain when srs_alias is unset. addr is not modified.
 * - expandCtx: the router's expansion context for addr. Its config view supplies the main
 *   options (srs_secrets, ...: see config.ts); its $sender_address the sender and its
 *   $verify_mode (non-empty while verifying) whether this is verification, unless `env` says.
 *   The six SRS variables ($srs_recipient, $srs_orig_recipient, $srs_orig_sender, $srs_db_key,
 *   $srs_db_address, $srs_status) are SET IN expandCtx.vars as a side effect whenever `srs` is
 *   set; keep using this context for the router's later expansions.
 * - env (optional): sender / verifying / SRS configuration / clock overrides.
 *
 * When what applies
 * - `srs` unset, or not one of "forward", "reverse", "reverseandforward": nothing (skipped).
 * - srs_condition set and expanding to "", "0", "no" or "false" (caseless; the same truth as
 *   the generic `condition`), or failing to expand: nothing (skipped; `problem` holds the
 *   expansion error for the panic log, none for a forced failure).
 * - "reverseandforward" with only one of srs_dbinsert/srs_dbselect set: defer.
 * - reverse ("reverse", "reverseandforward"): addr.address is decoded (database lookup through
 *   srs_dbselect, with $srs_db_key set, when srs_dbselect is set). Not SRS, or SRS with bad
 *   syntax, or an empty result: decline. Bad hash, bad or expired time stamp: fail. Any other
 *   problem (configuration, database, length): defer. On success $srs_recipient is the
 *   decoded address (typically used as `data = $srs_recipient`).
 * - forward ("forward", "reverseandforward"): only when not verifying and the sender is not
 *   empty. The sender is rewritten for the domain srs_alias expands to (addr.domain when unset
 *   or when its expansion fails); with srs_dbinsert set the sender is stored through it
 *   ($srs_db_address, $srs_db_key set) and the key is encoded instead. Any failure: defer.
 *
 * Output: RedirectSrsOutcome. For 'done', the caller continues routing; when `srsSender` is
 * present it must be set as prop.srsSender on every address the router generates (Exim's
 * propagated srs_sender: the return path and the SRS= log field of their deliveries, see
 * log.ts). decline/fail/defer are the router's result (Exim gave fail/defer no message; the
 * message here is the SRS result text, for logs).
 */
import type { DriverOptions } from '../config/driver-options.js';
import { stringIsTrue } from '../expand/index.js';
import { ExpandError, type ExpandContext, type TStr } from '../expand/types.js';
import type { AddressItem } from '../route/types.js';
import { ClassicSrs, type SrsDatabase } from './classic.js';
import { srsConfigFromOptions, type SrsConfig } from './config.js';
import { SRS_RESULT_TEXT, SrsConfigError, SrsError } from './errors.js';
import { uniqueId } from './hash.js';
import { setSrsVariables, type SrsVariableState } from './variables.js';

export interface RedirectSrsEnv {
  /** Envelope sender ('' for a bounce); default $sender_address. */
  readonly sender?: string;
  /** Routing for verification: no forward rewriting; default: $verify_mode is not empty. */
  readonly verifying?: boolean;
  /** Default: built from the main options of expandCtx.config. */
  readonly config?: SrsConfig;
  readonly nowMs?: number;
}

export type RedirectSrsOutcome =
  | { readonly kind: 'skipped'; readonly problem?: string }
  | { readonly kind: 'done'; readonly recipient?: string; readonly srsSender?: string; readonly caseBroken?: boolean }
  | { readonly kind: 'decline'; readonly message: string }
  | { readonly kind: 'fail'; readonly message: string }
  | { readonly kind: 'defer'; readonly message: string };

type Action = { readonly reverse: boolean; readonly forward: boolean };

const ACTIONS: Readonly<Record<string, Action>> = {
  forward: { reverse: false, forward: true },
  reverse: { reverse: true, forward: false },
  reverseandforward: { reverse: true, forward: true },
};

/** Length of the database keys made for srs_dbinsert. */
const DB_KEY_LENGTH = 16;

class RedirectSrsRun {
  readonly vars: SrsVariableState = {};

  constructor(
    private readonly options: DriverOptions,
    private readonly addr: AddressItem,
    private readonly ctx: ExpandContext,
    private readonly env: RedirectSrsEnv,
  ) {}

  publish(): void {
    setSrsVariables(this.ctx, this.vars);
  }

  private async expand(text: string): Promise<TStr> {
    return this.ctx.services.expand(text, this.ctx);
  }

  async condition(): Promise<{ holds: boolean; problem?: string }> {
    const text = this.options.str('srs_condition');
    if (text === undefined) return { holds: true };
    try {
      return { holds: stringIsTrue((await this.expand(text)).s) };
    } catch (err) {
      if (err instanceof ExpandError && err.forced) return { holds: false };
      return { holds: false, problem: `failed to expand condition "${text}" for srs_condition: ${(err as Error).message}` };
    }
  }

  /** The SRS configuration, read only when a rewrite is about to happen (as Exim did). */
  config(): SrsConfig | { readonly kind: 'defer'; readonly message: string } {
    try {
      return this.env.config ?? srsConfigFromOptions((name) => this.ctx.config.mainOption(name));
    } catch (err) {
      if (err instanceof SrsConfigError) return { kind: 'defer', message: err.message };
      throw err;
    }
  }

  private rewriter(config: SrsConfig, db?: SrsDatabase): ClassicSrs {
    return new ClassicSrs({ ...config, db });
  }

  private status(code: keyof typeof SRS_RESULT_TEXT): void {
    this.vars.status = { s: SRS_RESULT_TEXT[code], tainted: false };
    this.publish();
  }

  /** Database lookup through srs_dbselect. */
  private selectHook(text: string): SrsDatabase {
    return {
      lookup: async (key) => {
        this.vars.dbKey = { s: key, tainted: true };
        this.publish();
        try {
          return (await this.expand(text)).s;
        } catch (err) {
          throw new SrsError('dberror', (err as Error).message);
        }
      },
    };
  }

  /** Database insert through srs_dbinsert; the key is the first 16 characters of the sender's unique id. */
  private insertHook(text: string, config: SrsConfig): SrsDatabase {
    return {
      insert: async (address) => {
        const key = uniqueId(config.secrets[0]!, address, DB_KEY_LENGTH);
        this.vars.dbAddress = { s: address, tainted: true };
        this.vars.dbKey = { s: key, tainted: false };
        this.publish();
        try {
          await this.expand(text);
        } catch (err) {
          throw new SrsError('dberror', (err as Error).message);
        }
        return key;
      },
    };
  }

  async reverse(config: SrsConfig): Promise<RedirectSrsOutcome | { recipient: string; caseBroken: boolean }> {
    this.vars.origRecipient = { s: this.addr.address, tainted: true };
    this.publish();
    const select = this.options.str('srs_dbselect');
    try {
      const back = await this.rewriter(config, select === undefined ? undefined : this.selectHook(select)).reverse(this.addr.address, this.env.nowMs ?? Date.now());
      this.status(back.caseBroken ? 'casebroken' : 'ok');
      if (back.address === '') return { kind: 'decline', message: 'SRS reverse gave an empty address' };
      this.vars.recipient = { s: back.address, tainted: true };
      this.publish();
      return { recipient: back.address, caseBroken: back.caseBroken };
    } catch (err) {
      if (!(err instanceof SrsError)) throw err;
      this.status(err.code);
      if (err.code === 'notsrs' || err.code === 'badsrs') return { kind: 'decline', message: err.message };
      if (err.code === 'badhash' || err.code === 'badtimestamp' || err.code === 'timestampexpired') return { kind: 'fail', message: err.message };
      return { kind: 'defer', message: err.message };
    }
  }

  async forward(config: SrsConfig, sender: string): Promise<RedirectSrsOutcome | { srsSender: string }> {
    this.vars.origSender = { s: sender, tainted: true };
    this.publish();
    const domain = await this.aliasDomain();
    const insert = this.options.str('srs_dbinsert');
    try {
      const srsSender = await this.rewriter(config, insert === undefined ? undefined : this.insertHook(insert, config)).forward(sender, domain, this.env.nowMs ?? Date.now());
      this.status('ok');
      return { srsSender };
    } catch (err) {
      if (!(err instanceof SrsError)) throw err;
      this.status(err.code);
      return { kind: 'defer', message: err.message };
    }
  }

  private async aliasDomain(): Promise<string> {
    const alias = this.options.str('srs_alias');
    if (alias === undefined) return this.addr.domain;
    try {
      return (await this.expand(alias)).s;
    } catch {
      return this.addr.domain;
    }
  }

  sender(): string {
    return this.env.sender ?? this.ctx.vars.get('sender_address')?.s ?? '';
  }

  verifying(): boolean {
    return this.env.verifying ?? (this.ctx.vars.get('verify_mode')?.s ?? '') !== '';
  }
}

/** Run the router's SRS step for one address; see the file header for the contract. */
export async function applyRedirectSrs(
  options: DriverOptions,
  addr: AddressItem,
  expandCtx: ExpandContext,
  env: RedirectSrsEnv = {},
): Promise<RedirectSrsOutcome> {
  const srs = options.str('srs');
  if (srs === undefined) return { kind: 'skipped' };
  const run = new RedirectSrsRun(options, addr, expandCtx, env);
  run.publish();
  const { holds, problem } = await run.condition();
  if (!holds) return problem === undefined ? { kind: 'skipped' } : { kind: 'skipped', problem };
  const action = ACTIONS[srs];
  if (!action) return { kind: 'skipped' };
  if (srs === 'reverseandforward' && options.isSet('srs_dbinsert') !== options.isSet('srs_dbselect')) {
    return { kind: 'defer', message: 'srs_dbinsert and srs_dbselect must be set together for reverseandforward' };
  }
  let recipient: string | undefined;
  let caseBroken: boolean | undefined;
  if (action.reverse) {
    const config = run.config();
    if ('kind' in config) return config;
    const r = await run.reverse(config);
    if ('kind' in r) return r;
    ({ recipient, caseBroken } = r);
  }
  let srsSender: string | undefined;
  const sender = run.sender();
  if (action.forward && !run.verifying() && sender !== '') {
    const config = run.config();
    if ('kind' in config) return config;
    const f = await run.forward(config, sender);
    if ('kind' in f) return f;
    srsSender = f.srsSender;
  }
  return { kind: 'done', ...(recipient !== undefined && { recipient, caseBroken }), ...(srsSender !== undefined && { srsSender }) };
}

/** Give every generated address the SRS sender (Exim's propagated srs_sender). */
export function propagateSrsSender(children: readonly AddressItem[], srsSender: string | undefined): void {
  if (srsSender === undefined) return;
  for (const child of children) child.prop.srsSender = srsSender;
}
