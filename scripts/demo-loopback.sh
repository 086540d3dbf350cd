#!/usr/bin/env bash
# ./demo's story without root (run by ./demo after set-up and build): makes a PKI with ./candado pki, starts Mosquitto with plain, TLS, mutual-TLS and PSK listeners on
# loopback, runs the virtual device in normal mode over mutual TLS (an LED command sent with
# mosquitto_pub, the events seen with mosquitto_sub, the button pressed), then test mode over plain,
# TLS and PSK with the comparison table, a CSV and a chart. Stops everything it started.
#   scripts/demo-loopback.sh [--quick] [--out DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cycles=100
work="$PWD/target/demo"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) cycles=20 ;;
    --out) work="$(realpath -m "$2")"; shift ;;
  esac
  shift
done

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { echo "demo: $*" >&2; exit 1; }

rm -rf "$work"; mkdir -p "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

free_port() {   # a loopback TCP port below the kernel's ephemeral range that no socket uses
  local p
  while :; do
    p=$(( 20000 + RANDOM % 12000 ))
    ss -Htan "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
}
wait_for() {    # wait_for FILE PATTERN SECONDS
  local i=0
  until grep -q -- "$2" "$1" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -gt $(( $3 * 10 )) ] && die "timed out waiting for '$2' in $1"
    sleep 0.1
  done
}

say "1/5 PKI: a CA, the broker's certificate, a device certificate and a PSK (./candado pki)"
pki="$work/certs"
./candado pki init --dir "$pki"
./candado pki server --dir "$pki" --dns localhost --ip 127.0.0.1
./candado pki client candado --dir "$pki"
./candado pki psk candado --dir "$pki"
psk=$(grep '^candado:' "$pki/psk.txt" | cut -d: -f2)
say "2/5 Mosquitto with plain, TLS, mutual-TLS and PSK listeners on loopback"
for attempt in 1 2 3; do
  plain=$(free_port); tls=$(free_port); mtls=$(free_port); pskp=$(free_port)
  ./candado pki broker-config --dir "$pki" --bind 127.0.0.1 --user-root --force \
    --plain-port "$plain" --tls-port "$tls" --mtls-port "$mtls" --psk-port "$pskp"
  mosquitto -c "$pki/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
  broker=$!
  up=0
  for _ in $(seq 100); do
    kill -0 "$broker" 2>/dev/null || break
    n=0; for p in $plain $tls $mtls $pskp; do ss -Hltn "sport = :$p" | grep -q . && n=$((n + 1)); done
    [ "$n" -eq 4 ] && { up=1; break; }
    sleep 0.1
  done
  [ "$up" -eq 1 ] && break
  kill "$broker" 2>/dev/null || true; wait "$broker" 2>/dev/null || true
  echo "  broker did not start (attempt $attempt):"; sed 's/^/  broker: /' "$work/mosquitto.log"
done
[ "$up" -eq 1 ] || die "Mosquitto would not start"
pids+=($broker)
echo "  plain :$plain, TLS :$tls, mutual TLS :$mtls, PSK :$pskp"
grep -i "Opening.*listen" "$work/mosquitto.log" | sed 's/^/  broker: /' || true

say "3/5 the virtual device in normal mode over mutual TLS"
# -d: its SUBACK tells us it is subscribed before the device starts (or it would miss CONNECTED!).
stdbuf -oL mosquitto_sub -d -p "$plain" -t 'devices/candado/public' -v > "$work/public.txt" &
pids+=($!)
wait_for "$work/public.txt" "received SUBACK" 15
mkfifo "$work/button"
# The device's console reads button presses from this pipe (as a user would type 'press').
./candado device --console --board nucleo-h723zg \
  --set mqtt.server=localhost:"$mtls" --set mqtt.ssl=true --set mqtt.ssl_client_auth=true \
  --set mqtt.ssl_ca_cert="$pki/ca.crt" --set mqtt.ssl_cert="$pki/candado.crt" --set mqtt.ssl_key="$pki/candado.key" \
  --set sntp.enable=false --set app.time_interval=2 \
  < "$work/button" > "$work/device.log" 2>&1 &
device=$!
pids+=($device)
exec 3> "$work/button"          # keep the pipe open until we press the button
tail -n +1 -f "$work/device.log" | sed -u 's/^/  device | /' &
tailer=$!
pids+=($tailer)
wait_for "$work/public.txt" "CONNECTED!" 30
for cmd in "LED 1 ON" "led 2 toggle" "STATUS" "LED 9 ON" "TIME"; do
  echo "  mosquitto_pub -t devices/candado/secret -m '$cmd'"
  mosquitto_pub -p "$plain" -t devices/candado/secret -m "$cmd"
  sleep 0.4
done
wait_for "$work/public.txt" "\[TIME" 10
echo press >&3                  # the user button
wait "$device" || die "the device did not stop cleanly"
exec 3>&-
sleep 0.3; kill "$tailer" 2>/dev/null || true
echo; echo "  what mosquitto_sub saw on devices/candado/public:"
grep '^devices/candado/public ' "$work/public.txt" | sed 's/^/  sub    | /'
grep -q "devices/candado/public \[LED 1 ON\]" "$work/public.txt" || die "no [LED 1 ON] event"
grep -q "devices/candado/public \[BUTTON\]" "$work/public.txt" || die "no [BUTTON] event"
if grep -q "\[LOST\]" "$work/public.txt"; then die "the broker published the will: the device did not disconnect cleanly"; fi

say "4/5 test mode: $cycles cycles of 64 bytes over plain, TLS and TLS-PSK"
./candado device --console \
  --set app.test_mode=true --set app.test_transports=plain,tls,psk --set app.test_cycles="$cycles" \
  --set app.test_plain_server=localhost:"$plain" --set app.test_tls_server=localhost:"$tls" \
  --set app.test_psk_server=localhost:"$pskp" --set mqtt.server=localhost:"$plain" \
  --set mqtt.ssl_ca_cert="$pki/ca.crt" --set mqtt.ssl_psk_identity=candado --set mqtt.ssl_psk_key="$psk" \
  --set sntp.enable=false --csv "$work/test-mode.csv" --chart "$work/test-mode.png" \
  < /dev/null 2>&1 | grep -Ev "app  [0-9]+ +[0-9.]+ +[0-9.]+ +(yes|NO)" | sed 's/^/  device | /'
[ "${PIPESTATUS[0]}" -eq 0 ] || die "test mode failed"

say "5/5 done"
echo "  results: $work/test-mode.csv, chart: $work/test-mode.png, broker log: $work/mosquitto.log"
