#!/usr/bin/env bash
# Install the Debian packages govlearn needs on a development or CI machine.
#   install-system-packages.sh demo   what `make demo` needs (git, gettext)
#   install-system-packages.sh test   everything the test suite uses (databases, browser, web server)
# Installs only what is missing, so a second run costs a few dpkg queries.
set -euo pipefail

DEMO_PACKAGES=(git gettext ca-certificates)
TEST_PACKAGES=(
  "${DEMO_PACKAGES[@]}"
  postgresql postgresql-contrib redis-server
  nginx supervisor openssl
  chromium fonts-noto-core poppler-utils
  python3 python3-venv python3-psycopg2
  systemd
)

case "${1:-test}" in
  demo) wanted=("${DEMO_PACKAGES[@]}") ;;
  test) wanted=("${TEST_PACKAGES[@]}") ;;
  *) echo "usage: $0 demo|test" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "error: need root to install: ${missing[*]}" >&2; exit 1
  fi
else SUDO=""; fi

echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
