/**
 * Conditions of Exim 4.96 that belong to subsystems Mailwright does not have yet (content
 * scanners, DKIM, SPF). They are recognised, checked for where they may be used (as exim4 -bh
 * reports), and defer with a clear log text when evaluated.
 */
import { AclDefer } from '../errors.js';
import { registerAclCondition } from '../registry.js';
import type { AclWhere } from '../types.js';
import { allExcept } from '../where.js';

function unsupported(name: string, why: string, allowedIn: readonly AclWhere[]): void {
  registerAclCondition({
    name,
    kind: 'condition',
    allowedIn,
    evaluate() {
      throw new AclDefer(`the "${name}" ACL condition is not supported yet (${why})`);
    },
  });
}

const SCAN_WHERES: AclWhere[] = ['data', 'not_smtp', 'dkim', 'prdr'];
unsupported('spam', 'no spamd/rspamd interface: services issue', SCAN_WHERES);
unsupported('malware', 'no virus scanner interface: services issue', SCAN_WHERES);
unsupported('dkim_signers', 'no DKIM verification yet', ['dkim']);
unsupported('dkim_status', 'no DKIM verification yet', ['dkim']);
const SPF_WHERES = allExcept('connect', 'helo', 'auth', 'mailauth', 'expn', 'etrn', 'vrfy', 'starttls', 'not_smtp', 'not_smtp_start', 'not_smtp_mime');
unsupported('spf', 'no SPF support yet', SPF_WHERES);
unsupported('spf_guess', 'no SPF support yet', SPF_WHERES);
