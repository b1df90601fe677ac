/** The Exim release whose option set and -bP output Mailwright reproduces. */
export const EXIM_VERSION = '4.96';
