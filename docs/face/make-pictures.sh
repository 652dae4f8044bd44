#!/usr/bin/env bash
# The face pipeline's pictures in docs/face/, from the command line as a user runs it (built with
# ./mvnw -DskipTests package): the faces the CNN finder places on the sample portrait, upright and turned,
# and the same surprise edit pasted through the face's outline (CNN) and through the crop's square (Haar).
# Needs ImageMagick and Debian's python3-pil.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/face
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sample=assets/samples/astronaut.png

for turn in 0 90 180; do
  convert "$sample" -rotate "$turn" "$tmp/turned-$turn.png"
  ./ganimation aus "$tmp/turned-$turn.png" --json > "$tmp/turned-$turn.json"
done
/usr/bin/python3 docs/face/draw_faces.py "$out/found.jpg" \
  "$tmp/turned-0.png" "$tmp/turned-0.json" "$tmp/turned-90.png" "$tmp/turned-90.json" \
  "$tmp/turned-180.png" "$tmp/turned-180.json"

for finder in cnn haar; do
  ./ganimation render -i "$sample" --preset surprise --intensity 1 --face-finder "$finder" -o "$tmp/surprise-$finder.png" >/dev/null
done
convert "$sample" "$tmp/surprise-cnn.png" "$tmp/surprise-haar.png" -crop 260x300+95+10 +repage +append \
  -resize 150% -quality 90 "$out/outline-paste.jpg"
echo "wrote $out/found.jpg and $out/outline-paste.jpg"
