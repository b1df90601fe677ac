// Probes for gen-proxy.mjs beyond the shared vectors: Exim's own test inputs (4030/4031), and
// variations that show how Exim's lenient v1 parser walks the fields and where it gives up.
// Each case: { id, segments: [{ text | hex, delay? }], tail?, tailDelay?, note? }.

const v1 = (id, line, note) => ({ id: `v1:${id}`, segments: [{ text: line }], note });
const v2 = (id, hex, note) => ({ id: `v2:${id}`, segments: [{ hex }], note });

const SIG = '0d0a0d0a000d0a515549540a';
const TCP4_BODY = 'c0000201c6336402dc040019'; // 192.0.2.1 198.51.100.2 56324 25

export const proxyCases = [
  // Exim's test suite 4030/4031 (HOSTIPV4 is our fake peer instead).
  v1('exim-4030-v1', 'PROXY TCP4 127.0.0.2 127.42.42.42 64000 25\r\n'),
  v2('exim-4030-v2', '0d0a0d0a000d0a515549540a2111000c7f0000027f2a2a2ac2950401'),
  { id: 'exim-4031-timeout', segments: [], tailDelay: 1500, tail: 'PROXY TCP4 127.0.0.2 127.42.42.42 64000 25\r\nQUIT\r\n', note: 'header sent after proxy_protocol_timeout' },

  // Port fields.
  v1('sport-0', 'PROXY TCP4 192.0.2.1 198.51.100.2 0 25\r\n'),
  v1('dport-0', 'PROXY TCP4 192.0.2.1 198.51.100.2 56324 0\r\n'),
  v1('sport-x', 'PROXY TCP4 192.0.2.1 198.51.100.2 x 25\r\n'),
  v1('dport-x', 'PROXY TCP4 192.0.2.1 198.51.100.2 56324 x\r\n'),
  v1('dport-25x', 'PROXY TCP4 192.0.2.1 198.51.100.2 56324 25x\r\n'),
  v1('sport-5x', 'PROXY TCP4 192.0.2.1 198.51.100.2 5x 25\r\n'),
  v1('sport-plus', 'PROXY TCP4 192.0.2.1 198.51.100.2 +25 25\r\n'),
  v1('dport-plus', 'PROXY TCP4 192.0.2.1 198.51.100.2 25 +25\r\n'),
  v1('sport-hex', 'PROXY TCP4 192.0.2.1 198.51.100.2 0x19 25\r\n'),
  v1('dport-hex', 'PROXY TCP4 192.0.2.1 198.51.100.2 25 0x19\r\n'),
  v1('sport-huge', 'PROXY TCP4 192.0.2.1 198.51.100.2 4294967321 25\r\n'),
  v1('dport-huge', 'PROXY TCP4 192.0.2.1 198.51.100.2 25 4294967321\r\n'),
  v1('sport-99999', 'PROXY TCP4 192.0.2.1 198.51.100.2 99999 25\r\n'),
  v1('dport-99999', 'PROXY TCP4 192.0.2.1 198.51.100.2 25 99999\r\n'),
  v1('dport-65536', 'PROXY TCP4 192.0.2.1 198.51.100.2 25 65536\r\n'),
  v1('dport-neg', 'PROXY TCP4 192.0.2.1 198.51.100.2 25 -1\r\n'),
  v1('sport-minus-zero', 'PROXY TCP4 192.0.2.1 198.51.100.2 -0 25\r\n'),
  v1('dport-leading-zero', 'PROXY TCP4 192.0.2.1 198.51.100.2 25 025\r\n'),
  v1('dport-empty', 'PROXY TCP4 192.0.2.1 198.51.100.2 25 \r\n'),
  v1('ports-double-space', 'PROXY TCP4 192.0.2.1 198.51.100.2 25  25\r\n'),
  v1('sport-tab', 'PROXY TCP4 192.0.2.1 198.51.100.2 25\t25\r\n'),

  // Address fields and truncation.
  v1('src-bad', 'PROXY TCP4 bad 198.51.100.2 56324 25\r\n'),
  v1('dst-bad', 'PROXY TCP4 192.0.2.1 bad 56324 25\r\n'),
  v1('src-only', 'PROXY TCP4 192.0.2.1\r\n'),
  v1('src-dst-only', 'PROXY TCP4 192.0.2.1 198.51.100.2\r\n'),
  v1('src-dst-space', 'PROXY TCP4 192.0.2.1 198.51.100.2 \r\n'),
  v1('family-only', 'PROXY TCP4\r\n'),
  v1('family-space', 'PROXY TCP4 \r\n'),
  v1('proxy-only', 'PROXY\r\n'),
  v1('proxy-space', 'PROXY \r\n'),
  v1('src-ipv6-dst-ipv4', 'PROXY TCP6 2001:db8::1 198.51.100.2 56324 25\r\n'),
  v1('src-ipv6-scope', 'PROXY TCP6 fe80::1%eth0 2001:db8::2 56324 25\r\n'),
  v1('src-ipv4-trailing-dot', 'PROXY TCP4 192.0.2.1. 198.51.100.2 56324 25\r\n'),
  v1('tcp6-v4-embedded', 'PROXY TCP6 ::192.0.2.1 ::1 1 2\r\n'),
  v1('tcp6-uppercase', 'PROXY TCP6 2001:DB8::1 2001:DB8::2 1 2\r\n'),
  v1('tcp4-suffix', 'PROXY TCP4X 192.0.2.1 198.51.100.2 56324 25\r\n'),
  v1('tcp-lower-family', 'PROXY tcp4 192.0.2.1 198.51.100.2 56324 25\r\n'),
  v1('proxy-lower', 'proxy TCP4 192.0.2.1 198.51.100.2 56324 25\r\n'),
  v1('unknown-suffix', 'PROXY UNKNOWNX\r\n'),
  v1('unknown-space', 'PROXY UNKNOWN \r\n'),
  v1('unknown-lower', 'PROXY unknown\r\n'),
  v1('udp6', 'PROXY UDP6 2001:db8::1 2001:db8::2 1 2\r\n'),
  v1('leading-space', ' PROXY TCP4 192.0.2.1 198.51.100.2 56324 25\r\n'),
  v1('nul-inside', 'PROXY TCP4 192.0.2.1\x00198.51.100.2 56324 25\r\n'),

  // Line length: the spec's limit is 107 bytes including CRLF.
  v1('len-107', `PROXY UNKNOWN ${'x'.repeat(107 - 16)}\r\n`),
  v1('len-108', `PROXY UNKNOWN ${'x'.repeat(108 - 16)}\r\n`),
  v1('tcp4-len-108', `PROXY TCP4 192.0.2.1 198.51.100.2 56324 25${' '.repeat(108 - 44)}\r\n`),
  v1('len-231', `PROXY UNKNOWN ${'x'.repeat(231 - 16)}\r\n`),
  v1('len-232', `PROXY UNKNOWN ${'x'.repeat(232 - 16)}\r\n`),
  v1('len-233', `PROXY UNKNOWN ${'x'.repeat(233 - 16)}\r\n`),
  v1('len-300', `PROXY UNKNOWN ${'x'.repeat(300 - 16)}\r\n`),
  v1('tab-after-proxy', 'PROXY\tTCP4 192.0.2.1 198.51.100.2 56324 25\r\n'),
  v1('tab-after-family', 'PROXY TCP4\t192.0.2.1 198.51.100.2 56324 25\r\n'),
  v1('short-unknown', 'PROXY UNKNOWN\r\n'),
  v1('cr-cr-lf', 'PROXY TCP4 192.0.2.1 198.51.100.2 56324 25\r\r\n'),
  v1('unknown-lf-only', 'PROXY UNKNOWN\n', 'no CRLF in the first 14 bytes: the reader goes on to the next CR'),
  v1('cr-inside-first-14', 'PROXY\rUNKNOWN\r\n'),
  v1('crlf-inside-first-14', 'PROXY TCP4\r\n', 'CRLF within the first 14 bytes: the rest of those bytes are dropped'),
  v1('short-then-eof', 'PROX', 'fewer bytes than a v2 signature before HELO'),

  // What the header consumes on failure: does the following QUIT still end the session?
  { id: 'v1:bad-then-quit', segments: [{ text: 'PROXY TCP9 1 2 3 4\r\n' }], tail: 'QUIT\r\n' },
  { id: 'none:helo-then-quit', segments: [{ text: 'HELO y\r\n' }], tail: 'QUIT\r\n' },
  { id: 'none:quit', segments: [{ text: 'QUIT\r\n' }], tail: '' },
  { id: 'none:quit-noop', segments: [{ text: 'QUIT\r\nNOOP\r\n' }], tail: '' },
  { id: 'none:noop-quit', segments: [{ text: 'NOOP\r\nQUIT\r\n' }], tail: '' },
  { id: 'v1:lf-then-quit', segments: [{ text: 'PROXY TCP4 192.0.2.1 198.51.100.2 56324 25\n' }], tail: 'QUIT\r\n' },

  // Header arriving in pieces (Exim reads with a timeout; pieces within it are fine).
  { id: 'v1:split', segments: [{ text: 'PROXY TCP4 192.0.2.1 ' }, { text: '198.51.100.2 56324 25\r\n', delay: 300 }] },
  { id: 'v2:split', segments: [{ hex: `${SIG}2111` }, { hex: `000c${TCP4_BODY}`, delay: 300 }] },
  { id: 'v1:partial-timeout', segments: [{ text: 'PROXY TCP4 192.0.2.1 ' }], tailDelay: 1500 },

  // v2 variations.
  v2('local-tcp6', `${SIG}2021002420010db800000000000000000000000120010db8000000000000000000000002dc040019`),
  v2('tcp4-sport-0', `${SIG}2111000cc0000201c63364020000` + '0019'),
  v2('tcp4-dport-0', `${SIG}2111000cc0000201c6336402dc04` + '0000'),
  v2('tcp4-len-13', `${SIG}2111000dc0000201c6336402dc04001900`),
  v2('tcp4-len-216', `${SIG}211100d8${TCP4_BODY}04${'00c9'}${'00'.repeat(201)}`),
  v2('tcp4-len-217', `${SIG}211100d9${TCP4_BODY}04${'00ca'}${'00'.repeat(202)}`),
  v2('tcp4-len-300', `${SIG}2111012c${TCP4_BODY}04${'011d'}${'00'.repeat(285)}`),
  v2('tcp6-tlv', `${SIG}2121002920010db800000000000000000000000120010db8000000000000000000000002dc0400190400020000`),
  v2('unix-dgram', `${SIG}213200d8${'00'.repeat(216)}`),
  v2('inet6-dgram', `${SIG}2122002420010db800000000000000000000000120010db8000000000000000000000002dc040019`),
  v2('local-bad-family', `${SIG}2041000cc0000201c6336402dc040019`),
  v2('sig-only-then-helo', SIG, 'the 12-byte signature with nothing after it'),
];
