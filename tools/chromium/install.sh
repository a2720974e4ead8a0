#!/usr/bin/env bash
# Installs a headless Chromium for the coverage page's browser test (report/coverage_browser_test.go)
# when none is on PATH: Debian's `chromium` package through apt-get (CI runs as root on Debian).
# Prints the browser it found or installed. Bounded: apt-get gets 15 minutes.
set -euo pipefail
for b in chromium chromium-browser google-chrome chrome headless-shell chromium-headless-shell; do
	if command -v "$b" >/dev/null 2>&1; then
		echo "chromium: $(command -v "$b")"
		exit 0
	fi
done
if ! command -v apt-get >/dev/null 2>&1; then
	echo "chromium: no Chromium on PATH and no apt-get: install Chromium (or Chrome) by hand" >&2
	exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "chromium: installing Debian's chromium package (headless browser for the coverage page test)"
export DEBIAN_FRONTEND=noninteractive
timeout 900 $SUDO apt-get update -qq
timeout 900 $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "chromium: $(command -v chromium)"
