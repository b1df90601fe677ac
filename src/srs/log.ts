/**
 * Delivery-side uses of the SRS sender a redirect router with `srs = forward` gave an address
 * (AddressProperties.srsSender, inherited by the addresses it generates):
 * - the `SRS=<...>` field of delivery log lines (`=>`/`->`), written after F=<...> (and Q=)
 *   and before P=<...>, only when there is an SRS sender;
 * - the return path of the delivery: an errors_to address wins, then the SRS sender, then the
 *   message's sender.
 */
import type { AddressProperties } from '../route/types.js';

interface HasProperties {
  readonly prop: Pick<AddressProperties, 'srsSender' | 'errorsAddress'>;
}

/** ` SRS=<sender>` for a delivery log line, or '' when the address has no SRS sender. */
export function srsLogField(addr: HasProperties): string {
  const s = addr.prop.srsSender;
  return s === undefined ? '' : ` SRS=<${s}>`;
}

/** The envelope sender for delivering this address. */
export function srsReturnPath(addr: HasProperties, sender: string): string {
  return addr.prop.errorsAddress ?? addr.prop.srsSender ?? sender;
}
