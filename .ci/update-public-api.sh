#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt, drops entries for symbols that no longer exist (RS0017), and rewrites entries whose
# nullability annotations changed (RS0036/RS0037). Run it after changing the public API on purpose, then review
# the diff of the PublicAPI files.
set -euo pipefail
cd "$(dirname "$0")/.."

# Dependencies first: a project whose reference does not compile reports nothing of its own.
projects=(src/RetrainTriggers src/RetrainTriggers.MLNet src/RetrainTriggers.Csv src/RetrainTriggers.PostgreSql src/RetrainTriggers.Cli)
for project in "${projects[@]}"; do
  [ -d "$project" ] || continue
  name="$(basename "$project")"
  csproj="$(ls "$project"/*.csproj | head -n 1)"
  unshipped="$project/PublicAPI.Unshipped.txt"
  [ -f "$unshipped" ] || printf '#nullable enable\n' > "$unshipped"
  [ -f "$project/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$project/PublicAPI.Shipped.txt"
  log="$(mktemp)"
  # Warnings must not stop the build here: the point is to collect them.
  dotnet build "$csproj" -c Release --no-incremental -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
  # Only this project's diagnostics: a build also compiles (and reports) its project references.
  own="$(grep -F "/$(basename "$csproj")" "$log" || true)"
  python3 - "$unshipped" <<PY
import re, sys
path = sys.argv[1]
own = open("$log").read().splitlines()
own = [l for l in own if "/$(basename "$csproj")" in l]
added, removed = set(), set()
for l in own:
    m = re.search(r"RS0016: Symbol '(.*)' is not part of the declared public API", l)
    if m: added.add(m.group(1))
    m = re.search(r"RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found", l)
    if m: removed.add(m.group(1))
    m = re.search(r"RS003[67]: Symbol '(.*)' is missing nullability annotations in the declared API", l) or \
        re.search(r"RS003[67]: Symbol '(.*)' uses some oblivious reference types", l)
    if m: added.add(m.group(1)); removed.add(("@strip", m.group(1)))
strip = lambda s: s.replace("!", "").replace("?", "")
lines = [l for l in open(path).read().splitlines() if l and not l.startswith("#nullable")]
stripped = {strip(r[1]) for r in removed if isinstance(r, tuple)}
keep = [l for l in lines if l not in removed and not (strip(l) in stripped and l not in added)]
result = sorted(set(keep) | added, key=lambda s: s.encode())
open(path, "w").write("#nullable enable\n" + "".join(l + "\n" for l in result))
print(f"$name: {len(added)} added or rewritten, {len(lines) - len(keep)} removed")
PY
  rm -f "$log"
done
