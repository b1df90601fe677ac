/**
 * -oem / -oee: the failure is mailed to the sender as a new local message from <> (flagged
 * -localerror, logged with R=<failed id>), carrying a copy of what had been read: the header
 * lines as they stood and the body, or — when the failure came before reading (a bad recipient
 * argument) — the raw input after an empty header section.
 */
import { headerValue } from '../../smtp/server/message.js';
import { errorMailText } from './error-mail.js';
import type { SubmitError } from './errors.js';
import { strOption } from './options.js';
import { decodeLocalInput } from './read-input.js';
import { receiveLocalMessage, type SubmitDeps, type SubmitFailureContext, type SubmitMessage } from './receive.js';

/** Id of the error message queued, or undefined when none could be sent. */
export async function mailErrorBack(e: SubmitError, failed: SubmitMessage, deps: SubmitDeps, failure: SubmitFailureContext): Promise<string | undefined> {
  if (failed.localError || failure.sender === '') return undefined;
  const live = (failure.headers ?? []).filter((h) => h.type !== '*');
  const copy = failure.headers === undefined ? `\n${decodeLocalInput(failed.input, failed.dotIsData).text}` : `${live.map((h) => h.text).join('')}\n${failure.body ?? ''}`;
  const text = errorMailText({
    error: e,
    to: failure.sender,
    qualifyDomain: strOption(deps.config, 'qualify_domain') ?? '',
    messageId: failure.headers === undefined ? undefined : headerValue(failure.headers, 'Message-ID'),
    copy,
  });
  if (text === undefined) return undefined;
  const message: SubmitMessage = {
    sender: '',
    addresses: [failure.sender],
    extractRecipients: false,
    dotIsData: true,
    suppressFixups: false,
    input: Buffer.from(text, 'latin1'),
    localError: true,
    localErrorFor: failure.id,
  };
  try {
    const outcome = await receiveLocalMessage(message, deps);
    return outcome.id;
  } catch {
    return undefined;
  }
}
