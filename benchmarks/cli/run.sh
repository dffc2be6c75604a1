#!/usr/bin/env bash
# End-to-end comparison of `retrain-triggers drift` with the pandas/scipy script on 2 x 1 000 000 rows x 20 columns.
# Needs python3-pandas and python3-scipy (Debian). Prints wall time and peak memory of each whole process.
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-/tmp/rt-cli-bench}"
[ -f "$data/current.csv" ] || /usr/bin/python3 benchmarks/cli/generate_data.py "$data"
ls -l "$data"/*.csv
dotnet build src/RetrainTriggers.Cli/RetrainTriggers.Cli.csproj -c Release >/dev/null
tool="src/RetrainTriggers.Cli/bin/Release/net10.0/retrain-triggers.dll"
uptime
for i in 1 2 3; do
  /usr/bin/time -f "retrain-triggers: %e s wall, %M KB peak" dotnet "$tool" drift --reference "$data/reference.csv" --current "$data/current.csv" --format json --output /tmp/rt-cli-bench-report.json >/dev/null || true
  /usr/bin/time -f "pandas+scipy:     %e s wall, %M KB peak" /usr/bin/python3 benchmarks/cli/pandas_drift.py "$data/reference.csv" "$data/current.csv" >/dev/null
done
uptime
