#!/usr/bin/env bash
# Installs what Candado's build, tests and demo need on Debian 12 (idempotent; root or sudo).
set -euo pipefail
pkgs=(openjdk-17-jdk-headless maven mosquitto mosquitto-clients openssl dnsmasq-base chrony iproute2
      tshark gcc-arm-none-eabi xvfb xauth dnsutils procps psmisc
      rabbitmq-server  # RabbitMQ's MQTT plugin, the second 3.1.1 broker (RabbitMqBrokerTest, DeviceFailoverTest): ~15 s to install
      ejabberd         # ejabberd's mod_mqtt, the second MQTT 5 broker (Mqtt5Ejabberd*Test): ~37 s to install
      dante-server)    # danted, the SOCKS5 proxy that pub/sub --proxy go through (CliProxyTest)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  # The packages would start their system services (mosquitto and ejabberd on 1883, RabbitMQ, chrony,
  # a system epmd, danted); the tests start private instances on their own ports. Debian's policy-rc.d hook
  # (exit 101 = "not allowed") keeps the installs from starting anything, on machines with or without
  # systemd; it is removed again right after.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
  fi
  epmd_before="$(pgrep -x epmd || true)"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
    rc=$?; [ -n "$policy" ] && $SUDO rm -f "$policy"; exit $rc; }
  [ -n "$policy" ] && $SUDO rm -f "$policy"
  # A package's maintainer script still runs an Erlang tool, which leaves a system epmd -daemon behind
  # (seen on 2026-12-02); nothing here needs it (the fixtures run their own epmd on their own port).
  if [ -z "$epmd_before" ] && pgrep -f 'epmd -daemon' >/dev/null 2>&1; then
    $SUDO pkill -f 'epmd -daemon' || true
  fi
fi
# Services started earlier (installed before this script, or by hand) are stopped the same way. Asking an
# Erlang service for its status would start a system epmd, so processes are looked for instead.
stop_service() {  # NAME PROCESS-PATTERN
  pgrep -f "$2" >/dev/null 2>&1 || return 0
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$1" 2>/dev/null; then
    $SUDO systemctl stop "$1" || true
  elif [ -x "/etc/init.d/$1" ]; then
    $SUDO "/etc/init.d/$1" stop >/dev/null 2>&1 || true
  fi
}
stop_service mosquitto '^/usr/sbin/mosquitto -c /etc/mosquitto'
stop_service chrony '^/usr/sbin/chronyd'
stop_service rabbitmq-server 'beam.*-s rabbit'
stop_service ejabberd 'beam.*ejabberd.*/etc/ejabberd'
stop_service danted '^/usr/sbin/danted'
