/** Errors of the configuration loader that are not about a line of the file. */
import { MailwrightError } from '../util/errors.js';

/**
 * None of the files named by -C exists. Exim reports this as a plain panic line,
 * `<timestamp> non-existent configuration file(s): LIST`, not as a configuration error.
 */
export class MissingConfigFileError extends MailwrightError {
  constructor(readonly fileList: string) {
    super(`non-existent configuration file(s): ${fileList}`);
  }
}
