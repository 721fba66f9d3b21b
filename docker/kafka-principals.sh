#!/usr/bin/env bash
# Creates the Kafka principals and ACLs of the departments from the hub's subscriber registry, with Kafka's own
# kafka-configs.sh and kafka-acls.sh inside the compose stack's kafka container. For every subscriber the hub lists
# (GET /api/v1/admin/subscribers):
#   - a SCRAM-SHA-512 user named as the subscriber's id, its password made once and kept in
#     docker/secrets/kafka-users/{id}.password (never committed; hand it to the department);
#   - enabled: READ and DESCRIBE on its own feed topic (the `topic` the hub reports, zoning.feed.{id}.v1) and READ on
#     the consumer groups prefixed `{id}.` and on the `consumerGroup` it declared; nothing else (no other topic, no
#     hub topic, no write);
#   - disabled: those ACLs removed (the user stays, so that enabling it again needs no new password).
# Running it again is harmless: it sets the same passwords and ACLs again.
#
#   ZONING_SECURITY_ADMIN_PASSWORD=… docker/kafka-principals.sh [--hub http://localhost:8080] [--rotate ID]
#
# Needs curl and python3 on the machine that runs it, and the stack up (docker compose, the service `kafka`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
hub="${ZONING_HUB_URL:-http://localhost:8080}"
admin_user="${ZONING_SECURITY_ADMIN_USERNAME:-admin}"
rotate=""
while (($#)); do
    case "$1" in
        --hub) hub="$2"; shift 2 ;;
        --rotate) rotate="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
: "${ZONING_SECURITY_ADMIN_PASSWORD:?set the hub administrator password}"
secrets="${ZONING_KAFKA_SECRETS_DIR:-$here/secrets/kafka-users}"
# how Kafka's tools are run: inside the kafka container by default (overridable, e.g. for a broker elsewhere)
kafka_exec="${KAFKA_EXEC:-docker compose -f $here/compose.yaml exec -T kafka}"
kafka_bin="${KAFKA_BIN:-/opt/kafka/bin}"
bootstrap="${KAFKA_ADMIN_BOOTSTRAP:-localhost:9094}"
admin_config="${KAFKA_ADMIN_CONFIG:-/tmp/zoning-admin.properties}"

kafka() {
    local tool="$1"
    shift
    # shellcheck disable=SC2086 # kafka_exec is a command line
    $kafka_exec "$kafka_bin/$tool" --bootstrap-server "$bootstrap" --command-config "$admin_config" "$@"
}

# id, topic, consumer group ("-" for none) and enabled, one subscriber a line, each value checked
subscribers="$(curl -fsS -u "$admin_user:$ZONING_SECURITY_ADMIN_PASSWORD" -H 'Accept: application/json' \
    "$hub/api/v1/admin/subscribers" | python3 -c '
import json, re, sys
name = re.compile(r"^[A-Za-z0-9._-]{1,249}$")
for s in json.load(sys.stdin):
    group = s.get("consumerGroup") or "-"
    for value in (s["id"], s["topic"], group):
        if not name.match(value):
            sys.exit("refusing a subscriber value that is not a Kafka name: %r" % value)
    print(s["id"], s["topic"], group, "true" if s["enabled"] else "false")
')"

mkdir -p "$secrets"
chmod 700 "$secrets"
count=0
while read -r id topic group enabled; do
    [[ -z "$id" ]] && continue
    password_file="$secrets/$id.password"
    if [[ ! -s "$password_file" || "$rotate" == "$id" ]]; then
        (umask 077 && openssl rand -hex 24 > "$password_file")
        echo "$id: new password in $password_file"
    fi
    kafka kafka-configs.sh --alter --entity-type users --entity-name "$id" \
        --add-config "SCRAM-SHA-512=[password=$(cat "$password_file")]" >/dev/null
    acl_args=(--allow-principal "User:$id" --topic "$topic" --operation Read --operation Describe)
    prefix_args=(--allow-principal "User:$id" --group "$id." --resource-pattern-type prefixed --operation Read)
    group_args=()
    if [[ "$group" != "-" ]]; then
        group_args=(--allow-principal "User:$id" --group "$group" --operation Read)
    fi
    if [[ "$enabled" == "true" ]]; then
        kafka kafka-acls.sh --add "${acl_args[@]}" >/dev/null
        kafka kafka-acls.sh --add "${prefix_args[@]}" >/dev/null
        ((${#group_args[@]})) && kafka kafka-acls.sh --add "${group_args[@]}" >/dev/null
        echo "$id: reads $topic (groups $id.*${group_args:+ and $group})"
    else
        kafka kafka-acls.sh --remove --force "${acl_args[@]}" >/dev/null
        kafka kafka-acls.sh --remove --force "${prefix_args[@]}" >/dev/null
        ((${#group_args[@]})) && kafka kafka-acls.sh --remove --force "${group_args[@]}" >/dev/null
        echo "$id: disabled, its ACLs removed"
    fi
    count=$((count + 1))
done <<< "$subscribers"
echo "$count subscriber(s) done; ACLs now:"
kafka kafka-acls.sh --list
