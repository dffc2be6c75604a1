#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt, and drops entries for symbols that no longer exist (RS0017).
# Run it after changing the public API on purpose, then review the diff of the PublicAPI files.
set -euo pipefail
cd "$(dirname "$0")/.."

# Dependencies first: a project whose reference does not compile reports nothing of its own.
for project in src/RetrainTriggers src/RetrainTriggers.MLNet src/RetrainTriggers.PostgreSql; do
  name="$(basename "$project")"
  unshipped="$project/PublicAPI.Unshipped.txt"
  [ -f "$unshipped" ] || printf '#nullable enable\n' > "$unshipped"
  [ -f "$project/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$project/PublicAPI.Shipped.txt"
  log="$(mktemp)"
  # Warnings must not stop the build here: the point is to collect them.
  dotnet build "$project/$name.csproj" -c Release --no-incremental -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
  # Only this project's diagnostics: a build also compiles (and reports) its project references.
  own="$(grep -E "/$name\.csproj(::|\])" "$log" || true)"
  added="$(printf '%s\n' "$own" | grep -oE "RS0016: Symbol '.*' is not part of the declared public API" \
    | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" | sort -u || true)"
  removed="$(printf '%s\n' "$own" | grep -oE "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" \
    | sed -E "s/^RS0017: Symbol '(.*)' is part of the declared API.*$/\1/" | sort -u || true)"
  {
    echo '#nullable enable'
    { grep -v '^#nullable' "$unshipped" || true; printf '%s\n' "$added"; } \
      | grep -v '^$' | { grep -vxF -f <(printf '%s\n' "$removed" | grep -v '^$' || echo '@@none@@') || true; } | LC_ALL=C sort -u
  } > "$unshipped.new"
  mv "$unshipped.new" "$unshipped"
  echo "$name: $(printf '%s\n' "$added" | grep -c . || true) added, $(printf '%s\n' "$removed" | grep -c . || true) removed"
  rm -f "$log"
done
