/**
 * The delivery process's view of retry handling (src/queue/retry.ts): whether a destination is
 * due, and recording failures and successes under the configured retry rules.
 */
import type { LoadedConfig } from '../config/types.js';
import { fromLoadedConfig } from '../cli/runtime-config.js';
import { createExpandContext } from '../expand/index.js';
import { createLookupRegistry } from '../lookups/index.js';
import { readRetryRecord, recordFailure, recordSuccess, retrySettingsFromConfig, isDue } from '../queue/retry.js';
import type { HintsDb } from '../queue/types.js';
import type { RetryService } from './types.js';

export function retryServiceFor(config: LoadedConfig, hints: HintsDb): RetryService {
  const ctx = createExpandContext({ config: fromLoadedConfig(config).view, lookups: createLookupRegistry() });
  const settings = retrySettingsFromConfig(config, ctx);
  return {
    isDue(key, now) {
      const record = readRetryRecord(hints, key, now, settings.retryDataExpire);
      return !record || isDue(record, now);
    },
    async recordFailure(key, error, message, now, sender, hostName, facts) {
      const decision = await recordFailure(hints, { key, action: 'defer', error, message, hostName }, settings, { now, sender, ...facts });
      return decision.giveUp;
    },
    // Most deliveries have no retry record: skip the write transaction then.
    recordSuccess: async (key) => {
      if (hints.table('retry').get(key) !== undefined) await recordSuccess(hints, key);
    },
  };
}
