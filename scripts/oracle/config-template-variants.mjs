// -D macro sets (Exim takes at most a handful of -D options per command) for reading Debian's exim4.conf.template (see gen-config-template.mjs).
export const TEMPLATE_VARIANTS = [
  { name: 'no macros', defines: {} },
  { name: 'TLS enabled', defines: { MAIN_TLS_ENABLE: 'yes' } },
  {
    name: 'internet site with main options',
    defines: {
      DCconfig_internet: '1',
      MAIN_TLS_ENABLE: 'yes',
      MAIN_ALLOW_DOMAIN_LITERALS: '1',
      MESSAGE_SIZE_LIMIT: '50M',
      MAIN_HARDCODE_PRIMARY_HOSTNAME: 'mx.example.com',
      MAIN_LOCAL_INTERFACES: '<; 127.0.0.1 ; ::1',
      MAIN_LOG_SELECTOR: '+tls_peerdn',
      REMOTE_SMTP_HELO_DATA: 'example.org',
      DKIM_DOMAIN: 'example.org',
    },
  },
  {
    name: 'smarthost',
    defines: {
      DCconfig_smarthost: '1',
      DCsmarthost: 'smtp.example.net::587',
      DCreadhost: 'example.net',
      MAIN_TLS_ENABLE: 'yes',
      REMOTE_SMTP_SMARTHOST_HOSTS_REQUIRE_TLS: '*',
      AUTH_CLIENT_ALLOW_NOTLS_PASSWORDS: '1',
    },
  },
  { name: 'satellite', defines: { DCconfig_satellite: '1', DCsmarthost: 'smtp.example.net', DCreadhost: 'example.net' } },
  { name: 'local only', defines: { DCconfig_local: '1', DCrelay_nets: '192.168.0.0/16', DCrelay_domains: 'example.org' } },
];
