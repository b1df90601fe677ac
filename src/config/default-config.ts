/**
 * The configuration Mailwright uses when no file is given and none is installed. Modelled on
 * the shape of Exim's own default: local mailboxes for this host, DNS routing for the rest,
 * relaying only for the local host, and the usual retry schedule. Exim 4.96 accepts it too
 * (test/config/default-config.test.ts checks it parses; scripts/oracle/gen-config-errors.mjs
 * runs it through `exim4 -bV`).
 */
/** Written out inside the raw template below, where a literal dollar-brace would interpolate. */
const EXPAND = '${';

export const DEFAULT_CONFIG_TEXT = String.raw`# Mailwright built-in configuration.
#
# Copy this text to /etc/mailwright/mailwright.conf to change it; that file, when present, is
# read instead. The syntax is Exim's.

######################################################################
#                    MAIN CONFIGURATION SETTINGS                     #
######################################################################

# Mail for these domains is delivered on this host: "@" stands for the
# host's own name.
domainlist local_domains = @ : localhost

# Domains we accept mail for and pass on elsewhere (none by default).
domainlist relay_to_domains =

# Clients allowed to send mail anywhere through us.
hostlist   relay_from_hosts = localhost

# The ACLs run for RCPT and DATA in SMTP sessions (defined below).
acl_smtp_rcpt = acl_check_rcpt
acl_smtp_data = acl_check_data

# Never deliver as root: mail for root should be aliased elsewhere.
never_users = root

# Look up the names of all connecting hosts.
host_lookup = *

# Do not pass any of the caller's environment on to pipes and the like.
keep_environment =

# Bounces that cannot be delivered are dropped after two days; other
# frozen messages are removed after a week.
ignore_bounce_errors_after = 2d
timeout_frozen_after = 7d


######################################################################
#                       ACL CONFIGURATION                            #
######################################################################

begin acl

# Checks each RCPT TO of an SMTP session.
acl_check_rcpt:

  # Local programs submitting over a pipe (no client host) are trusted.
  accept  hosts = :

  # Local parts that could be used for tricks in paths or routing are
  # refused: a leading dot, or any of @ % ! / | inside.
  deny    domains     = +local_domains
          local_parts = ^[.] : ^.*[@%!/|]
          message     = Restricted characters in address

  deny    domains     = !+local_domains
          local_parts = ^[./|] : ^.*[@%!] : ^.*/\\.\\./
          message     = Restricted characters in address

  # RFC 5321 says postmaster must always be reachable.
  accept  local_parts = postmaster
          domains     = +local_domains

  # The sender's domain must at least be routable.
  require verify      = sender

  # Our own clients may relay; their messages are fixed up as submissions.
  accept  hosts       = +relay_from_hosts
          control     = submission

  accept  authenticated = *
          control       = submission

  # Anyone else may only send to domains we handle.
  require message     = relay not permitted
          domains     = +local_domains : +relay_to_domains

  # ... and only to recipients that exist.
  require verify      = recipient

  accept


# Checks the message once its data has arrived.
acl_check_data:

  # SMTP limits text lines to 998 characters.
  deny    condition   = ${EXPAND}if > {$max_received_linelength}{998}}
          message     = maximum allowed line length is 998 octets, \
                        got $max_received_linelength

  accept


######################################################################
#                      ROUTERS CONFIGURATION                         #
######################################################################

begin routers

# Domains that are not ours are looked up in the DNS (MX, then address
# records). Addresses that resolve to loopback or "this host" are
# ignored, so such domains fail instead of looping.
dnslookup:
  driver = dnslookup
  domains = ! +local_domains
  transport = remote_smtp
  ignore_target_hosts = 0.0.0.0 : 127.0.0.0/8
  no_more

# System aliases from /etc/aliases, when that file exists. Aliases may
# name files and pipes, and may use :fail: and :defer:.
system_aliases:
  driver = redirect
  require_files = /etc/aliases
  allow_fail
  allow_defer
  data = ${EXPAND}lookup{$local_part}lsearch{/etc/aliases}}
  file_transport = address_file
  pipe_transport = address_pipe

# Anything else for a local domain goes to the mailbox of a local user
# with that login name.
localuser:
  driver = accept
  check_local_user
  transport = local_delivery
  cannot_route_message = Unknown user


######################################################################
#                      TRANSPORTS CONFIGURATION                      #
######################################################################

begin transports

# Delivery to other hosts over SMTP.
remote_smtp:
  driver = smtp

# Appends to the user's mailbox file in /var/mail, adding the usual
# trace headers.
local_delivery:
  driver = appendfile
  file = /var/mail/$local_part_data
  delivery_date_add
  envelope_to_add
  return_path_add

# Used when an alias names a pipe.
address_pipe:
  driver = pipe
  return_output

# Used when an alias names a file.
address_file:
  driver = appendfile
  delivery_date_add
  envelope_to_add
  return_path_add


######################################################################
#                      RETRY CONFIGURATION                           #
######################################################################

begin retry

# Every 15 minutes for 2 hours, then at growing intervals (from one hour,
# by a factor of 1.5) up to 16 hours, then every 6 hours up to 4 days.

# Address or domain    Error       Retries
# -----------------    -----       -------
*                      *           F,2h,15m; G,16h,1h,1.5; F,4d,6h


######################################################################
#                      REWRITE CONFIGURATION                         #
######################################################################

begin rewrite

# No rewriting by default.


######################################################################
#                   AUTHENTICATION CONFIGURATION                     #
######################################################################

begin authenticators

# No authenticators by default.
`;
