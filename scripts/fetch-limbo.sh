#!/usr/bin/env bash
# Puts C2SP/x509-limbo's suite at target/x509-limbo/limbo.json for LimboConformanceTest.
# Source: a local git mirror of github.com/C2SP/x509-limbo (LIMBO_MIRROR, default below).
# Nothing it writes is committed: target/ is outside git.
#  1. If the mirror holds the published limbo.json blob, that file is used as it is.
#  2. Otherwise (a snapshot without its files of 4 MiB and more lacks it) the suite is generated
#     from the mirror's own Python sources, extracted into target/, by upstream's `limbo compile`
#     (needs python3 with pydantic and cryptography). Upstream's bettertls.json asset is >4 MiB too:
#     give BETTERTLS_JSON=FILE (an export of Netflix/bettertls's suites) or the compile runs without
#     the BetterTLS cases, and the script says so.
set -euo pipefail
cd "$(dirname "$0")/.."
MIRROR=${LIMBO_MIRROR:-/work/.mirror/C2SP+x509-limbo/repo}
OUT=target/x509-limbo
REV=${LIMBO_REV:-HEAD}
[ -d "$MIRROR" ] || { echo "fetch-limbo: no mirror at $MIRROR (set LIMBO_MIRROR to a git clone of C2SP/x509-limbo)" >&2; exit 2; }
g() { git --git-dir="$MIRROR" "$@"; }
commit=$(g rev-parse "$REV^{commit}")
mkdir -p "$OUT"
if g show "$commit:limbo.json" > "$OUT/limbo.json.tmp" 2>/dev/null; then
  mv "$OUT/limbo.json.tmp" "$OUT/limbo.json"
  echo "fetch-limbo: published limbo.json of C2SP/x509-limbo $commit"
else
  rm -f "$OUT/limbo.json.tmp"
  src="$OUT/src"
  rm -rf "$src"; mkdir -p "$src"
  missing=""
  while IFS= read -r path; do
    mkdir -p "$src/$(dirname "$path")"
    g show "$commit:$path" > "$src/$path" 2>/dev/null || { rm -f "$src/$path"; missing="$missing $path"; }
  done < <(g ls-tree -r --name-only "$commit" -- limbo pyproject.toml)
  [ -z "$missing" ] || echo "fetch-limbo: not in the mirror:$missing"
  if [ -n "${BETTERTLS_JSON:-}" ]; then
    cp "$BETTERTLS_JSON" "$src/limbo/_assets/bettertls.json"
    echo "fetch-limbo: BetterTLS cases from $BETTERTLS_JSON"
  fi
  skip_bettertls=1
  if [ -f "$src/limbo/_assets/bettertls.json" ]; then skip_bettertls=0; else
    echo "fetch-limbo: compiling WITHOUT the BetterTLS cases (no bettertls.json)"; fi
  # Upstream's `limbo compile` with three shims, none of which changes a case: pyOpenSSL only serves
  # refreshing the online cases (not done here), so a stand-in module is given when it is missing;
  # without the asset, only the BetterTLS registration is skipped.
  (cd "$src" && SKIP_BETTERTLS=$skip_bettertls PYTHONPATH=. python3 - <<'PY'
import importlib.util, os, sys, types
if importlib.util.find_spec("OpenSSL") is None:
    stub = types.ModuleType("OpenSSL"); stub.SSL = types.ModuleType("OpenSSL.SSL")
    sys.modules["OpenSSL"] = stub; sys.modules["OpenSSL.SSL"] = stub.SSL
# cryptography >= 47 made __deepcopy__ abstract on key classes; upstream's two hand-made
# malformed-key classes (invalid.py) predate that and only define __copy__.
import limbo.testcases.invalid as invalid
for cls in (invalid.MalformedRSAPrivateKey, invalid.MalformedRSAPublicKey):
    if "__deepcopy__" in getattr(cls, "__abstractmethods__", ()):
        cls.__deepcopy__ = lambda self, memo: self.__copy__()
        cls.__abstractmethods__ = frozenset(cls.__abstractmethods__ - {"__deepcopy__"})
import limbo.testcases.bettertls as bettertls
if os.environ["SKIP_BETTERTLS"] == "1":
    bettertls.register_testcases = lambda: None
from limbo._cli import main
sys.argv = ["limbo", "compile", "-o", "../limbo.json.tmp"]
main()
PY
  )
  mv "$OUT/limbo.json.tmp" "$OUT/limbo.json"
  echo "fetch-limbo: limbo.json compiled from C2SP/x509-limbo $commit"
fi
echo "$commit" > "$OUT/COMMIT"
python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['testcases']; print('fetch-limbo:', len(t), 'testcases,', sum(1 for c in t if c['validation_kind']=='SERVER'), 'SERVER')" "$OUT/limbo.json"
