#!/usr/bin/env bash
# Makes the TLS material of the compose stack in docker/tls/out/ (never committed): a CA of the stack, the broker's
# key and certificate (CN=kafka; SAN kafka, localhost and KAFKA_PUBLIC_HOST) in a PKCS#12 keystore, and a PKCS#12
# truststore with the CA for every client (hubs, departments, kafka tools). It prints the two store passwords as
# lines for docker/.env. Needs openssl and keytool (any JDK). Run it again with --force to replace everything;
# clients must then get the new truststore. TLS_OUT_DIR writes elsewhere (KafkaSaslIT does).
#   KAFKA_PUBLIC_HOST=kafka.example.org docker/tls/make-certs.sh
set -euo pipefail
out="${TLS_OUT_DIR:-$(cd "$(dirname "$0")" && pwd)/out}"
public_host="${KAFKA_PUBLIC_HOST:-localhost}"
days="${CERT_DAYS:-825}"
if [[ -e "$out/truststore.p12" && "${1:-}" != "--force" ]]; then
    echo "$out already holds a truststore; use --force to replace it" >&2
    exit 1
fi
command -v openssl >/dev/null || { echo "openssl is needed" >&2; exit 1; }
command -v keytool >/dev/null || { echo "keytool (a JDK) is needed" >&2; exit 1; }
mkdir -p "$out"
chmod 700 "$out"
cd "$out"
rm -f ca.key ca.crt kafka.key kafka.csr kafka.crt kafka.keystore.p12 truststore.p12 ca.srl ext.cnf
umask 077
keystore_password="$(openssl rand -hex 24)"
truststore_password="$(openssl rand -hex 24)"

openssl req -x509 -new -nodes -newkey rsa:3072 -sha256 -days "$days" \
    -subj "/O=zoning-hub/CN=zoning-hub stack CA" -keyout ca.key -out ca.crt 2>/dev/null
openssl req -new -nodes -newkey rsa:3072 -sha256 -subj "/O=zoning-hub/CN=kafka" \
    -keyout kafka.key -out kafka.csr 2>/dev/null
cat > ext.cnf <<CNF
basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:kafka,DNS:localhost,DNS:${public_host}
CNF
openssl x509 -req -in kafka.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days "$days" -sha256 \
    -extfile ext.cnf -out kafka.crt 2>/dev/null
openssl pkcs12 -export -name kafka -inkey kafka.key -in kafka.crt -certfile ca.crt \
    -passout "pass:$keystore_password" -out kafka.keystore.p12
keytool -importcert -noprompt -alias zoning-hub-ca -file ca.crt -storetype PKCS12 \
    -keystore truststore.p12 -storepass "$truststore_password" >/dev/null
rm -f kafka.csr ext.cnf ca.srl
# the containers run as other users than the one who made the files; the stores are protected by their passwords
chmod 644 kafka.keystore.p12 truststore.p12 ca.crt
chmod 755 .
echo "KAFKA_KEYSTORE_PASSWORD=$keystore_password"
echo "KAFKA_TRUSTSTORE_PASSWORD=$truststore_password"
echo "# CA: $out/ca.crt (keep ca.key offline); departments get truststore.p12 or ca.crt" >&2
