#!/usr/bin/env bash
# Regenerates the CRD manifests from the Java API classes into crds/ and copies them into the Helm chart
# (charts/fidelius-operator/files/crds/), which installs them when installCRDs=true. Run it after changing a
# class in dev.fidelius.operator.api; CrdDriftTest (operator) and ChartCrdsTest (e2e) fail until you do.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl operator test -Dtest=CrdDriftTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfidelius.crds.update=true
chart_crds=charts/fidelius-operator/files/crds
rm -f "$chart_crds"/*.yaml
cp crds/*.yaml "$chart_crds"/
echo "[update-crds] crds/ regenerated and copied into $chart_crds:"
ls -1 "$chart_crds"
