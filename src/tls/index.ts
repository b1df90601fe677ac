/** TLS module: server contexts and handshakes, session variables, certificates, log fields. */
export { createServerTls, type ServerTls, type ServerTlsOptions, type TlsSession, type TlsHost } from './server-tls.js';
export { TlsError, TlsConfigError, TlsHandshakeError } from './errors.js';
export { TicketKeyRing, RESUME, resumptionBits, cipherWithResumptionMark, TICKET_KEY_ROTATION_MS, TICKET_LIFETIME_S } from './resumption.js';
export { tlsInVariables, tlsLogInfo, type TlsSessionFacts } from './variables.js';
export { parseCertificate, certificateFromPem, pemCertificates, fingerprint, type Certificate } from './certificate.js';
export { certExtract } from './cert-extract.js';
export { CERT_VARIABLES, certVariable, certificateOf, certOperatorValue, certExtractFromValue } from './cert-vars.js';
export { eximCipherName, eximCipherStd, eximProtocol, cipherBits } from './cipher-names.js';
export { cipherSettings, isGnutlsPriority } from './priority.js';
export { dnText } from './dn.js';
