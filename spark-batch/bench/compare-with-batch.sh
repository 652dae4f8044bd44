#!/usr/bin/env bash
# Throughput of the Spark job in local mode against the single-JVM `ganimation batch`, on the same photos
# and the same cores, and whether their outputs are the same files.
#   spark-batch/bench/compare-with-batch.sh PHOTOS [CORES] [-- JOB OPTIONS]   (default: 2 cores, --preset happiness)
# Each tool runs twice: on the photos, then on the photos twice over (a second folder of copies), so that
# the difference of the two times is the steady rate with start-up (JVM, Spark, model loading) taken out.
# Both are pinned to the first CORES cores with taskset.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
photos=$(cd "$1" && pwd); shift
cores=2
if [ $# -gt 0 ] && [ "$1" != "--" ]; then cores=$1; shift; fi
[ "${1:-}" = "--" ] && shift
opts=("$@"); [ ${#opts[@]} -eq 0 ] && opts=(--preset happiness)
work=$(mktemp -d /tmp/spark-bench.XXXXXX)
n=$(ls "$photos" | wc -l)
mkdir -p "$work/double"
for f in "$photos"/*; do b=$(basename "$f"); cp "$f" "$work/double/a-$b"; cp "$f" "$work/double/b-$b"; done
cpus="0-$((cores - 1))"
export GANIMATION_SPARK_MASTER="local[$cores]"
# wall seconds of a command; its peak resident memory (KiB) goes to $work/rss
seconds() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/last.log" 2>&1 || true
  # (time puts "Command exited with non-zero status" first when a photo failed)
  tail -1 "$work/time" | cut -d' ' -f2 >"$work/rss"; tail -1 "$work/time" | cut -d' ' -f1
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
b1=$(seconds taskset -c "$cpus" "$here/ganimation" batch -i "$photos" -o "$work/batch-1" "${opts[@]}")
grep '^done ' "$work/last.log" | sed 's/^/  batch: /'
echo "  batch peak resident memory: $(($(cat "$work/rss") / 1024)) MiB"
s1=$(seconds taskset -c "$cpus" "$here/spark-batch/ganimation-spark-local" -i "$photos" -o "$work/spark-1" "${opts[@]}")
grep '^run ' "$work/last.log" | sed 's/^/  spark: /'
echo "  spark peak resident memory (driver and executor in one JVM): $(($(cat "$work/rss") / 1024)) MiB"
# alternating the two tools, so that a change in the machine's load weighs on both alike
b2=$(seconds taskset -c "$cpus" "$here/ganimation" batch -i "$work/double" -o "$work/batch-2" "${opts[@]}")
s2=$(seconds taskset -c "$cpus" "$here/spark-batch/ganimation-spark-local" -i "$work/double" -o "$work/spark-2" "${opts[@]}")
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
same=yes
for f in "$work"/batch-1/*; do cmp -s "$f" "$work/spark-1/$(basename "$f")" || same=no; done
[ "$(ls "$work/batch-1" | wc -l)" = "$(ls "$work/spark-1" | grep -vc "^_")" ] || same=no
awk -v n="$n" -v c="$cores" -v b1="$b1" -v b2="$b2" -v s1="$s1" -v s2="$s2" -v same="$same" 'BEGIN {
  printf "photos: %d (and %d), cores: %d\n", n, 2 * n, c
  printf "single-JVM batch: %.1f s, %.1f s -> whole run %.2f photos/s, steady %.2f photos/s\n", b1, b2, n / b1, n / (b2 - b1)
  printf "Spark local[%d]:  %.1f s, %.1f s -> whole run %.2f photos/s, steady %.2f photos/s\n", c, s1, s2, n / s1, n / (s2 - s1)
  printf "per-core ratio (Spark / batch): whole run %.2f, steady %.2f\n", b1 / s1, (b2 - b1) / (s2 - s1)
  printf "outputs byte for byte the same: %s\n", same }'
echo "work folder: $work"
