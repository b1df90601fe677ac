/**
 * Success DSNs (NOTIFY=SUCCESS) in Exim 4.96's layout: sent for addresses delivered locally or
 * relayed to a host that does not support DSN. Addresses are listed in the order given; the
 * original's header is returned, never its body (even with RET=FULL).
 */
import { stringToBytes } from '../../expand/operators/bytes.js';
import { AUTOMATIC_LINE, contentTypeHeader, deliveryStatus, fromHeaderValue, header, partStart, referencesValue, reportBoundary } from './common.js';
import { returnedPart } from './returned.js';
import type { ComposedReport, ReportAddress, ReportInput } from './types.js';
import type { SpoolHeader } from '../../spool/types.js';

const INTRO = ' ----- The following addresses had successful delivery notifications -----\n';

function addressLine(a: ReportAddress): string {
  return a.host ? `<${a.address}> (relayed to non-DSN-aware mailer)\n\n` : `<${a.address}> (relayed via non "Remote SMTP" router)\n\n`;
}

/** Exim 4.96 writes a fixed diagnostic whatever the remote server answered. */
function successFields(a: ReportAddress): string {
  if (a.host) return `Remote-MTA: dns; ${a.host.name}\nDiagnostic-Code: smtp; 250 Ok\n`;
  return 'Diagnostic-Code: X-Exim; relayed via non SMTP router\n';
}

function successHeaders(input: ReportInput, boundary: string): SpoolHeader[] {
  const headers: SpoolHeader[] = [
    header('From', fromHeaderValue(input.options)),
    header('Auto-Submitted', 'auto-generated'),
    header('To', input.recipient),
    header('Subject', 'Delivery Status Notification'),
  ];
  const refs = referencesValue(input.message);
  if (refs !== undefined) headers.push(header('References', refs));
  headers.push(contentTypeHeader(boundary), header('MIME-Version', '1.0'));
  return headers;
}

export function composeSuccessDsn(input: ReportInput, delivered: readonly ReportAddress[]): ComposedReport | undefined {
  if (delivered.length === 0) return undefined;
  const boundary = reportBoundary(input);
  const text = `${partStart(boundary, 'text/plain; charset=us-ascii')}${AUTOMATIC_LINE}${INTRO}${delivered.map(addressLine).join('')}`;
  const status = deliveryStatus(input.message, delivered, { action: 'delivered', status: '2.0.0' }, input.options, successFields);
  const body = Buffer.concat([stringToBytes(`${text}${partStart(boundary, 'message/delivery-status')}${status}`), returnedPart(input, boundary, 'headers-only')]);
  return { sender: '', recipients: [input.recipient], headers: successHeaders(input, boundary), body };
}
