/**
 * PROXY protocol (v1 and v2) for the SMTP server: an incremental header reader with Exim 4.96's
 * behaviour (or the spec's, in strict mode), the session variables, the failure policy, and a
 * header builder for senders. See docs/proxy-protocol.md.
 *
 *   const reader = new ProxyHeaderReader();             // per connection from hosts_proxy
 *   const timer = startProxyTimer(proxyTimeoutSeconds(cfg.mainOption('proxy_protocol_timeout')),
 *                                 () => done(reader.end('timeout')));
 *   socket.on('data', (b) => { const r = reader.feed(b); if (r.status !== 'need-more') done(r); });
 *   // done(r): timer.cancel(); const e = proxyEndpoints(true, r, { peerAddress, peerPort });
 *   //          vars = proxyVariables(e); feed r.rest to the SMTP reader;
 *   //          every command but QUIT gets proxyFailedReplyFor(verb, e.failed).
 */
export * from './types.js';
export { ProxyHeaderReader, parseProxyHeader, type ProxyReaderOptions } from './reader.js';
export { parseV1Exim, parseV1Strict, cStrtolInt, V1_MAX_LINE } from './v1.js';
export { parseV2, V2_SIGNATURE, EXIM_V2_MAX_SIZE } from './v2.js';
export { parseTlvs, crc32c, crc32cMatches, PP2_TYPE } from './tlv.js';
export { ipv4Text, ipv6Text } from './address-text.js';
export * from './policy.js';
export * from './variables.js';
export * from './sender.js';
