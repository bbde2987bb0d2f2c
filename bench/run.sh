#!/usr/bin/env bash
# The benchmark: speed and memory of fmlint on generated archives. Speed is proven here, never by
# timed assertions in tests. Needs ../shared/tools/gen_corpus.py, hyperfine and GNU time
# (apt-get install -y hyperfine time).
#
#   bench/run.sh            # 10k and 100k posts, then rendering 100k diagnostics
#   POSTS="1000" RENDER_POSTS=0 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
gen=../shared/tools/gen_corpus.py
[ -f "$gen" ] || { echo "bench: $gen is missing (the benchmark needs ../shared)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench: install hyperfine (apt-get install -y hyperfine)" >&2; exit 2; }
cargo build --release -q
bin=$PWD/target/release/fmlint
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for n in ${POSTS:-10000 100000}; do
  python3 "$gen" "$work/clean-$n" --posts "$n" --seed 5
  python3 "$gen" "$work/dirty-$n" --posts "$n" --seed 5 --defect-rate 0.2
  echo "== $n posts"
  hyperfine -N -i -w 1 -r 5 \
    "$bin $work/clean-$n" \
    "$bin -q --color never $work/dirty-$n" \
    "$bin --format json $work/dirty-$n" \
    "$bin --statistics $work/dirty-$n" \
    "$bin --diff --color never $work/dirty-$n"
  for d in clean dirty; do
    /usr/bin/time -f "max RSS %M KiB, %e s: $d-$n check" "$bin" -q "$work/$d-$n" > /dev/null || true
  done
  cp -r "$work/dirty-$n" "$work/fix-$n"
  /usr/bin/time -f "max RSS %M KiB, %e s: dirty-$n --fix" "$bin" --fix -q "$work/fix-$n" > /dev/null || true
done

# Rendering: a corpus in which every post has a defect (0.92 diagnostics a post), so that 110k
# posts give about 100,000 diagnostics. `--statistics` checks the same posts and renders
# nothing: the difference to each format is what rendering and writing the report cost.
n=${RENDER_POSTS:-110000}
if [ "$n" -gt 0 ]; then
  python3 "$gen" "$work/defects-$n" --posts "$n" --seed 7 --defect-rate 1.0 >/dev/null
  count=$({ "$bin" --format concise -q "$work/defects-$n" || true; } | wc -l)
  echo "== rendering $count diagnostics ($n posts, each with a defect)"
  hyperfine -N -i -w 1 -r 5 \
    "$bin --statistics $work/defects-$n" \
    "$bin --format json $work/defects-$n" \
    "$bin --format concise $work/defects-$n" \
    "$bin --format github $work/defects-$n" \
    "$bin --format sarif $work/defects-$n" \
    "$bin --format junit $work/defects-$n" \
    "$bin --color never $work/defects-$n" \
    "$bin --color never --show-all $work/defects-$n"
  for f in json concise; do
    /usr/bin/time -f "max RSS %M KiB, %e s: $count diagnostics --format $f" \
      "$bin" --format "$f" "$work/defects-$n" > /dev/null || true
  done
fi
