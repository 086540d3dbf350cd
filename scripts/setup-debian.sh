#!/usr/bin/env bash
# Installs what Candado's build, tests and demo need on Debian 12 (idempotent; root or sudo).
set -euo pipefail
pkgs=(openjdk-17-jdk-headless maven mosquitto mosquitto-clients openssl dnsmasq-base chrony iproute2
      tshark gcc-arm-none-eabi xvfb xauth dnsutils procps psmisc ejabberd)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian packages start system services; Candado's tests start their own instances.
for svc in mosquitto chrony ejabberd; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    ${SUDO:-} systemctl stop "$svc" || true
  fi
done
