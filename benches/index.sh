#!/bin/bash
# The index's figures (issue 14), each beside a baseline measured in the same run:
#   bash benches/index.sh DIR   (a folder from: gen_corpus --news --n 10000 --out DIR)
set -eu
DIR=$1; G=target/release/gloss; D=$(mktemp -d); trap 'rm -rf $D' EXIT
D=${KEEP:-$D}
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
MB=$(du -sm "$DIR" | cut -f1)
echo "corpus: $(find "$DIR" -type f | wc -l) files, $MB MB"
for i in 1 2 3; do
  c=$(t sh -c "find '$DIR' -type f -print0 | xargs -0 cat")
  rm -rf $D/d; r1=$(t $G --data-dir $D/d render --size 100x30 "$DIR")
  r2=$(t $G --data-dir $D/d render --size 100x30 "$DIR")
  echo "round $i: cat $c s; render never opened $r1 s ($(echo "$r1/$c" | bc -l | cut -c1-4)x); opened before $r2 s ($(echo "$r2/$c" | bc -l | cut -c1-4)x)"
done
c=$(t sh -c "find '$DIR' -type f -print0 | xargs -0 cat")
b=$(t $G --data-dir $D/d entities "$DIR")
echo "index build with suggestions: $b s = $(echo "$MB/$b" | bc -l | cut -c1-5) MB/s (cat: $c s)"
u=$(t $G --data-dir $D/d search Merkel "$DIR")
echo "gloss search, index current (whole process: stat of every file, then the query): $u s"
cargo run -q --release --example index_query -- $D/d "$DIR" Merkel Bundesregierung 'Regierung Berlin Haushalt' 'Russland' 2>/dev/null
