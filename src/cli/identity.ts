/** The Exim release whose behaviour Mailwright reproduces ($exim_version, -bV). */
export const EXIM_COMPAT_VERSION = '4.96';
