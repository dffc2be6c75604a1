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
for id in RetrainTriggers RetrainTriggers.MLNet; do
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
