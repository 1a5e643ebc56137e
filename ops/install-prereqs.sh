#!/usr/bin/env bash
# Installs what the local stack and the tests need, skipping what is already there.
# Debian packages (needs root or sudo), pnpm, versitygw (Go) and the Kafka jars (Maven Central).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v Xvfb >/dev/null || need_apt+=(xvfb)
# Korean note names and UI text need a CJK font, or Chromium draws empty boxes.
[ -d /usr/share/fonts/truetype/nanum ] || need_apt+=(fonts-nanum)
command -v prometheus >/dev/null || need_apt+=(prometheus)
command -v prometheus-alertmanager >/dev/null || need_apt+=(prometheus-alertmanager)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need_apt+=(postgresql-15)
command -v mvn >/dev/null || need_apt+=(maven)
command -v java >/dev/null || need_apt+=(openjdk-17-jre-headless)
command -v go >/dev/null || need_apt+=(golang-go)
command -v docker-compose >/dev/null || need_apt+=(docker-compose)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "[prereqs] apt-get install ${need_apt[*]}"
  $SUDO apt-get update -q
  # Debian's prometheus packages try to start daemons; there is no init here, so the policy says don't.
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

if ! command -v pnpm >/dev/null; then
  echo "[prereqs] npm install -g pnpm@12"
  npm install -g pnpm@12 >/dev/null
fi

GOBIN_DIR="${GOBIN:-$(go env GOPATH)/bin}"
if [ ! -x "${VERSITYGW_BIN:-$GOBIN_DIR/versitygw}" ]; then
  echo "[prereqs] go install versitygw v1.7.0 (the S3 server; a few minutes on 2 cores)"
  go install github.com/versity/versitygw/cmd/versitygw@v1.7.0
fi

if ! ls ops/kafka/target/libs/kafka_2.13-*.jar >/dev/null 2>&1; then
  echo "[prereqs] resolving Apache Kafka jars from Maven Central"
  (cd ops/kafka && mvn -q -B dependency:copy-dependencies -DoutputDirectory=target/libs -DincludeScope=runtime)
fi
echo "[prereqs] ready"
