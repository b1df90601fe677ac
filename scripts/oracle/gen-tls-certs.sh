#!/bin/sh
# Test PKI for the TLS module: a CA, server certificates (RSA and EC, plus one for the SNI name),
# a client certificate signed by the CA (with every subjectAltName kind, CRL and OCSP URIs, and a
# DN with characters RFC 4514 escapes) and a self-signed "rogue" client the CA does not vouch for.
# Serial numbers are fixed so certextract fixtures stay readable; the validity window is long.
# Usage: scripts/oracle/gen-tls-certs.sh [outdir]   (default test/fixtures/tls/certs)
set -eu
OUT=${1:-test/fixtures/tls/certs}
DAYS=7300
mkdir -p "$OUT"
cd "$OUT"

cat > ext.cnf <<'CNF'
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:mail.example.com,DNS:localhost,IP:127.0.0.1
crlDistributionPoints = URI:http://crl.example.com/ca.crl
authorityInfoAccess = OCSP;URI:http://ocsp.example.com/

[sni]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:sni.example

[client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
subjectAltName = DNS:client.example,DNS:alt.client.example,email:user@client.example,IP:192.0.2.7,IP:2001:db8::7,URI:https://client.example/id
crlDistributionPoints = URI:http://crl.example.com/one.crl,URI:http://crl.example.com/two.crl
authorityInfoAccess = OCSP;URI:http://ocsp.example.com/a,OCSP;URI:http://ocsp.example.com/b
CNF

# CA
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days $DAYS -sha256 \
  -subj "/C=GB/O=Mailwright Tests/CN=Mailwright Test CA" -set_serial 1 \
  -extensions ca -config ext.cnf 2>/dev/null

# issue NAME KEYALG SUBJECT EXTSECTION SERIAL
issue() {
  case $2 in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null ;;
    ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null ;;
  esac
  openssl req -new -key "$1.key" -subj "$3" -out "$1.csr" -config ext.cnf 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -set_serial "$5" -days $DAYS -sha256 \
    -extfile ext.cnf -extensions "$4" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr"
}

issue server-rsa rsa "/C=GB/O=Mailwright Tests/CN=mail.example.com" server 0x1001
issue server-ec ec "/C=GB/O=Mailwright Tests/CN=mail.example.com" server 0x1002
issue sni rsa "/O=Mailwright Tests/CN=sni.example" sni 0x1003
issue client rsa "/C=GB/ST=Cambs/L=Cambridge/O=Example, Inc./OU=Unit One/OU=Unit\\+Two/CN=client.example/emailAddress=pki@client.example" client 0x0123456789abcdef01

# A client certificate with chosen validity dates (single-digit day; an end after 2049 so it is a
# GeneralizedTime), a serial whose DER form needs a leading zero byte, an EC key and SHA-384.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out dated.key 2>/dev/null
openssl req -new -key dated.key -subj "/DC=org/DC=example/CN=dated.example/UID=u42" -out dated.csr 2>/dev/null
mkdir -p ca.db && : > ca.db/index.txt && echo 8001 > ca.db/serial
cat > ca.cnf <<CNF
[ca]
default_ca = test
[test]
database = ca.db/index.txt
serial = ca.db/serial
new_certs_dir = ca.db
policy = any
copy_extensions = none
[any]
domainComponent = optional
commonName = optional
userId = optional
[dated]
basicConstraints = CA:FALSE
subjectAltName = DNS:dated.example,IP:10.1.2.3,email:a@dated.example,email:b@dated.example
CNF
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -md sha384 -extensions dated \
  -startdate 20260103040506Z -enddate 20510607080910Z -preserveDN -notext -in dated.csr -out dated.pem 2>/dev/null
rm -rf ca.db ca.cnf dated.csr

# A client certificate nobody vouches for.
openssl req -x509 -newkey rsa:2048 -nodes -keyout rogue.key -out rogue.pem -days $DAYS -sha256 \
  -subj "/O=Rogue/CN=rogue.example" -set_serial 7 2>/dev/null

# Combined certificate+key file (tls_privatekey unset case).
cat server-rsa.pem server-rsa.key > server-rsa-combined.pem
rm -f ext.cnf ca.srl
chmod 0644 ./*.key ./*.pem
ls
