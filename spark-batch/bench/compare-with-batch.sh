#!/usr/bin/env bash
# Throughput of the Spark job in local mode against the single-JVM `ganimation batch`, on the same photos
# and the same cores, and whether their outputs are the same files.
#   spark-batch/bench/compare-with-batch.sh PHOTOS [CORES] [-- JOB OPTIONS]   (default: 2 cores, --preset happiness)
# Each tool runs on the photos and on the photos twice over (a second folder of copies): the difference
# of the two times is the steady rate, with start-up (JVM, Spark, model loading) taken out. The tools
# alternate, each size is run REPEAT times (default 3) and the fastest run of each counts, so that other
# work on the machine weighs as little as it can. Both are pinned to the first CORES cores (taskset).
# On a machine shared with other work, NICE=-10 (as root) runs both ahead of it.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
photos=$(cd "$1" && pwd); shift
cores=2
if [ $# -gt 0 ] && [ "$1" != "--" ]; then cores=$1; shift; fi
[ "${1:-}" = "--" ] && shift
opts=("$@"); [ ${#opts[@]} -eq 0 ] && opts=(--preset happiness)
repeat=${REPEAT:-3}
work=$(mktemp -d /tmp/spark-bench.XXXXXX)
n=$(ls "$photos" | wc -l)
mkdir -p "$work/double"
for f in "$photos"/*; do b=$(basename "$f"); cp "$f" "$work/double/a-$b"; cp "$f" "$work/double/b-$b"; done
cpus="0-$((cores - 1))"
export GANIMATION_SPARK_MASTER="local[$cores]"
# runs a tool once into a fresh folder; prints "wall-seconds cpu-seconds peak-rss-kib"
once() {
  local out=$1; shift
  rm -rf "$out"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" nice -n "${NICE:-0}" taskset -c "$cpus" "$@" -o "$out" "${opts[@]}" \
    >"$work/last.log" 2>&1 || true
  # (time puts "Command exited with non-zero status" first when a photo failed)
  tail -1 "$work/time" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}
best() { sort -n | head -1; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); niceness ${NICE:-0}"
: >"$work/b1"; : >"$work/s1"; : >"$work/b2"; : >"$work/s2"
for r in $(seq "$repeat"); do
  once "$work/batch-1" "$here/ganimation" batch -i "$photos" >>"$work/b1"
  once "$work/spark-1" "$here/spark-batch/ganimation-spark-local" -i "$photos" >>"$work/s1"
  grep '^run ' "$work/last.log" | sed 's/^/  spark: /'
  once "$work/batch-2" "$here/ganimation" batch -i "$work/double" >>"$work/b2"
  once "$work/spark-2" "$here/spark-batch/ganimation-spark-local" -i "$work/double" >>"$work/s2"
  echo "  round $r: load $(cut -d' ' -f1-3 /proc/loadavg); batch $(tail -1 "$work/b1" | cut -d' ' -f1) s / $(tail -1 "$work/b2" | cut -d' ' -f1) s, spark $(tail -1 "$work/s1" | cut -d' ' -f1) s / $(tail -1 "$work/s2" | cut -d' ' -f1) s"
done
same=yes
for f in "$work"/batch-1/*; do cmp -s "$f" "$work/spark-1/$(basename "$f")" || same=no; done
[ "$(ls "$work/batch-1" | wc -l)" = "$(ls "$work/spark-1" | grep -vc "^_")" ] || same=no
read -r b1 bc1 bm1 < <(best <"$work/b1"); read -r b2 bc2 bm2 < <(best <"$work/b2")
read -r s1 sc1 sm1 < <(best <"$work/s1"); read -r s2 sc2 sm2 < <(best <"$work/s2")
awk -v n="$n" -v c="$cores" -v b1="$b1" -v b2="$b2" -v s1="$s1" -v s2="$s2" -v bc1="$bc1" -v bc2="$bc2" \
    -v sc1="$sc1" -v sc2="$sc2" -v bm="$bm2" -v sm="$sm2" -v same="$same" 'BEGIN {
  printf "photos: %d (and %d), cores: %d, fastest of each\n", n, 2 * n, c
  printf "single-JVM batch: %.1f s, %.1f s -> whole run %.2f photos/s, steady %.2f photos/s (%.3f per core); CPU %.0f ms/photo steady; peak %d MiB\n", b1, b2, n / b1, n / (b2 - b1), n / (b2 - b1) / c, 1000 * (bc2 - bc1) / n, bm / 1024
  printf "Spark local[%d]:  %.1f s, %.1f s -> whole run %.2f photos/s, steady %.2f photos/s (%.3f per core); CPU %.0f ms/photo steady; peak %d MiB\n", c, s1, s2, n / s1, n / (s2 - s1), n / (s2 - s1) / c, 1000 * (sc2 - sc1) / n, sm / 1024
  printf "per-core ratio (Spark / batch): whole run %.2f, steady %.2f\n", b1 / s1, (b2 - b1) / (s2 - s1)
  printf "outputs byte for byte the same: %s\n", same }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "work folder: $work"
