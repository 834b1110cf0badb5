#!/usr/bin/env bash
# The whole test suite: provisions the local test environment (idempotent, seconds when already done), then
# builds the operator jar and runs every unit (*Test) and integration (*IT) test against real servers:
# kube-apiserver + etcd and moto_server. Extra arguments go to Maven (e.g. -Dit.test=...).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/provision-test-env.sh
echo "[test] provisioning took $((SECONDS - start)) s"
shellcheck scripts/*.sh .ci/run cli/fidelius
echo "[test] shellcheck: scripts/*.sh, .ci/run and cli/fidelius are clean"
mvn_start=$SECONDS
mvn -B -ntp verify "$@"
echo "[test] build and tests took $((SECONDS - mvn_start)) s (total $((SECONDS - start)) s)"
