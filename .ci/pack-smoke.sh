#!/usr/bin/env bash
# Packs every shipped package into a local folder, installs them into a throwaway console project outside the
# repository (so no repository build settings apply) and runs it: the packages work as users get them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)"

dotnet pack RetrainTriggers.sln -c Release -o "$feed" -p:ContinuousIntegrationBuild=true
for id in RetrainTriggers RetrainTriggers.MLNet RetrainTriggers.Csv RetrainTriggers.PostgreSql RetrainTriggers.Cli; do
  [ -f "$feed/$id.$version.nupkg" ] || { echo "pack-smoke: $id.$version.nupkg was not produced" >&2; exit 1; }
  [ -f "$feed/$id.$version.snupkg" ] || { echo "pack-smoke: $id.$version.snupkg (symbols) was not produced" >&2; exit 1; }
done

app="$work/app"
mkdir -p "$app"
cp .ci/pack-smoke/Program.cs .ci/pack-smoke/PackSmoke.csproj "$app/"
# The local folder first; the machine's own sources stay (no <clear/>) for the packages' dependencies.
cat > "$app/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local-packages" value="$feed" />
  </packageSources>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
</configuration>
CONFIG
(cd "$app" && dotnet run -c Release -p:RetrainTriggersVersion="$version")
echo "pack-smoke: packages installed from $feed and ran"

# The tool as users install it: from the folder, into a tool path, then the drift check on the samples and the demo.
tools="$work/tools"
(cd "$app" && dotnet tool install --tool-path "$tools" --add-source "$feed" RetrainTriggers.Cli --version "$version")
tool="$tools/retrain-triggers"
expect_exit() {
  local want="$1" log="$2"; shift 2
  set +e
  "$tool" "$@" >"$log" 2>&1
  local got=$?
  set -e
  if [ "$got" -ne "$want" ]; then
    cat "$log" >&2
    echo "pack-smoke: retrain-triggers $* exited with $got, expected $want" >&2
    exit 1
  fi
}
# The current sample drifts from the reference (exit 1); the reference against itself does not (exit 0).
expect_exit 1 "$work/drift.txt" drift --reference "$repo/docs/samples/reference.csv" --current "$repo/docs/samples/current.csv"
grep -q "Dataset drift" "$work/drift.txt" || { cat "$work/drift.txt" >&2; echo "pack-smoke: the drift report has no dataset verdict" >&2; exit 1; }
expect_exit 0 "$work/same.txt" drift --reference "$repo/docs/samples/reference.csv" --current "$repo/docs/samples/reference.csv"
expect_exit 2 "$work/missing.txt" drift --reference "$repo/docs/samples/reference.csv" --current "$work/no-such.csv"
expect_exit 0 "$work/demo.txt" demo --html "$work/demo.html"
for event in PROMOTED REJECTED "ROLLED BACK"; do
  grep -q "$event" "$work/demo.txt" || { cat "$work/demo.txt" >&2; echo "pack-smoke: the demo's timeline has no $event" >&2; exit 1; }
done
[ -s "$work/demo.html" ] || { echo "pack-smoke: demo --html wrote no report" >&2; exit 1; }
tail -n 2 "$work/demo.txt"
echo "pack-smoke: the retrain-triggers tool installed from $feed and ran drift and demo"
