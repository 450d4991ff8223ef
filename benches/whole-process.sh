#!/usr/bin/env bash
# Whole-process benchmarks of gloss with hyperfine (Debian package `hyperfine`).
#
#   bash benches/whole-process.sh [quick]
#
# Builds the release binary and the corpus generator, generates corpora under
# target/bench-corpus/ (deterministic, seed 1; reused when present), and times gloss side by
# side with its baselines in the same run. `quick` skips the 100,000-article corpus.
# Results are written to target/bench-results/*.json (hyperfine's export) and summarised on
# stdout; BENCHMARKS.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 1; }
cargo build --release --locked -q --bin gloss --example gen_corpus
G=$PWD/target/release/gloss
GEN=$PWD/target/release/examples/gen_corpus
C=$PWD/target/bench-corpus
R=$PWD/target/bench-results
mkdir -p "$C" "$R"
gen() { # name n [extra args]
  local name=$1 n=$2; shift 2
  [ -d "$C/$name" ] || "$GEN" --out "$C/$name" --n "$n" --seed 1 "$@"
}
gen a1k 1000
gen a10k 10000
[ "${1:-}" = quick ] || gen a100k 100000
gen big 0 --big 1
BIG=$(find "$C/big" -type f | head -1)
export GLOSS_DATA_DIR=$(mktemp -d)
export GLOSS_CONFIG=/dev/null
trap 'rm -rf "$GLOSS_DATA_DIR"' EXIT

hf() { hyperfine --style basic --warmup 2 --min-runs "${RUNS:-10}" "$@"; }

echo "## first frame of gloss render vs cat of every file"
# warm: the metadata cache from the previous run is there (a folder opened before);
# cold: it is removed before each run (a folder never opened).
for n in a1k a10k; do
  hf --export-json "$R/first-frame-$n.json" \
    --prepare true --prepare true --prepare "rm -rf $GLOSS_DATA_DIR/cache" \
    -n "cat $n" "find $C/$n -type f -print0 | xargs -0 cat > /dev/null" \
    -n "gloss render $n (warm)" "$G render --size 120x40 $C/$n" \
    -n "gloss render $n (cold)" "$G render --size 120x40 $C/$n"
done
if [ "${1:-}" != quick ]; then
  RUNS=3 hf --export-json "$R/first-frame-a100k.json" \
    --prepare true --prepare true --prepare "rm -rf $GLOSS_DATA_DIR/cache" \
    -n "cat a100k" "find $C/a100k -type f -print0 | xargs -0 cat > /dev/null" \
    -n "gloss render a100k (warm)" "$G render --size 120x40 $C/a100k" \
    -n "gloss render a100k (cold)" "$G render --size 120x40 $C/a100k"
fi

echo "## resident memory, 10,000 articles (max RSS, KB)"
/usr/bin/time -f "%M" "$G" render --size 120x40 "$C/a10k" 2>&1 >/dev/null | tail -1 | tee "$R/rss-a10k.txt"

echo "## a 10 MB article: open and draw; jump to its end"
hf --export-json "$R/big.json" \
  -n "cat big" "cat $BIG > /dev/null" \
  -n "gloss render big" "$G render --size 120x40 $BIG" \
  -n "gloss render big G" "$G render --size 120x40 --keys G $BIG"

echo "## export 100,000 annotations"
D=$(mktemp -d)
"$GEN" --out "$D/articles" --n 2000 --seed 2 --annotations 100000 --data-dir "$D/data" >/dev/null 2>&1
hf --export-json "$R/export.json" \
  -n "gloss export 100k annotations" "$G --data-dir $D/data export $D/articles -o /dev/null"
rm -rf "$D"
