#!/usr/bin/env bash
# The benchmark: fmlint and its peers side by side on the same posts, generated archives
# (../shared/tools/gen_corpus.py) and the real sites in ../shared/corpus/. Speed is proven here,
# never by timed assertions in tests.
#
#   bench/run.sh           # 1,000, 10,000 and 100,000 posts and the sites; table into README
#   bench/run.sh --quick   # 1,000 posts and the sites, one run each: for development
#
# Peers: `rg -c '^---$'` (the floor: reading every byte once), rumdl's two front-matter rules,
# markdownlint-cli2, prettier --check, remark with remark-lint-frontmatter-schema. The npm ones
# and rumdl (if not on PATH) are installed into bench/.tools/ (gitignored); a tool that cannot
# be installed is reported as missing. Needs python3, GNU time and hyperfine (installed with
# apt-get when absent) and valgrind for the instruction count. Writes bench/results/bench.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f ../shared/tools/gen_corpus.py ] || { echo "bench: ../shared/tools/gen_corpus.py is missing (the benchmark needs ../shared)" >&2; exit 2; }
if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1; } \
    || { echo "bench: GNU time (/usr/bin/time) is missing and could not be installed" >&2; exit 2; }
fi
if ! command -v hyperfine >/dev/null; then
  apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y hyperfine >/dev/null 2>&1; } \
    || echo "bench: hyperfine is missing and could not be installed; one-file runs are timed with GNU time" >&2
fi
tools=bench/.tools
mkdir -p "$tools"
npm_pkgs=(markdownlint-cli2 prettier remark-cli remark-frontmatter remark-lint-frontmatter-schema)
if command -v npm >/dev/null; then
  for p in "${npm_pkgs[@]}"; do
    [ -d "$tools/node_modules/$p" ] || { npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "${npm_pkgs[@]}" >&2 \
      || echo "bench: npm could not install the Node peers; they are reported as missing" >&2; break; }
  done
else
  echo "bench: npm is missing; the Node peers are reported as missing" >&2
fi
cp bench/peers/remarkrc.mjs "$tools/remarkrc.mjs"
if ! command -v rumdl >/dev/null && [ ! -x "$tools/pypi/bin/rumdl" ]; then
  python3 -m pip install --quiet --target "$tools/pypi" rumdl >&2 \
    || echo "bench: pip could not install rumdl; it is reported as missing" >&2
fi
cargo build --release -q
quick=()
readme=(--readme)
if [ "${1:-}" = "--quick" ]; then quick=(--quick); readme=(); fi
python3 bench/measure.py "${quick[@]}" "${readme[@]}"
