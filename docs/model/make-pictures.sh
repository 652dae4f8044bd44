#!/bin/bash
# Renders the model card's pictures with the shipped default model on the sample portrait.
# Needs ImageMagick (convert, montage). Run from the repository root after ./mvnw package.
set -euo pipefail
out=docs/model
photo=assets/samples/astronaut.png
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
./ganimation sheet -i $photo -o $tmp/strips.png --mode strips --overwrite
./ganimation sheet -i $photo -o $tmp/sheet72.png --overwrite
presets="neutral happiness sadness surprise fear anger disgust contempt"
for p in $presets; do ./ganimation render -i $photo --preset $p -o $tmp/$p.png --masks --overwrite; done
face="170x200+163+35"   # the face in the 512 px portrait
cell() { convert "$1" -crop $face +repage -gravity south -background white -splice 0x22 -pointsize 15 -annotate +0+2 "$2" "$3"; }
label() { convert "$1" -resize 200x200 -gravity south -background white -splice 0x22 -pointsize 15 -annotate +0+2 "$2" "$3"; }
cell $photo photo $tmp/c-0.png
i=1; for p in $presets; do cell $tmp/$p.png $p $tmp/c-$i.png; i=$((i + 1)); done
montage $tmp/c-[0-8].png -tile 9x1 -geometry +2+2 $tmp/presets.png
for p in happiness surprise anger; do
  cell $tmp/$p.png "$p: output" $tmp/m-$p-1.png
  label $tmp/$p-attention.png "attention A" $tmp/m-$p-2.png   # masks are in the aligned face crop
  label $tmp/$p-color.png "colour C" $tmp/m-$p-3.png
done
montage $tmp/m-happiness-[123].png $tmp/m-surprise-[123].png $tmp/m-anger-[123].png -tile 3x3 -geometry +2+2 $tmp/masks.png
# drafts of the preview generator (assets/models/default/preview) beside the full model's pixels
i=0
for p in happiness surprise anger sadness; do
  ./ganimation render -i $photo --preset $p -o $tmp/draft-$p.png --model assets/models/default/preview --overwrite
  cell $tmp/$p.png "$p: full" $tmp/d-$i.png; i=$((i + 1))
  cell $tmp/draft-$p.png "$p: draft" $tmp/d-$i.png; i=$((i + 1))
done
montage $tmp/d-[0-7].png -tile 8x1 -geometry +2+2 $tmp/drafts.png
# the colour guard at paste-back: the same edits with and without it
i=0
for p in happiness surprise sadness anger; do
  ./ganimation render -i $photo --preset $p -o $tmp/raw-$p.png --no-color-guard --overwrite
  cell $tmp/raw-$p.png "$p: no guard" $tmp/g-$i.png; i=$((i + 1))
  cell $tmp/$p.png "$p: guarded" $tmp/g-$i.png; i=$((i + 1))
done
montage $tmp/g-[0-7].png -tile 8x1 -geometry +2+2 $tmp/guard.png
for f in strips sheet72 presets masks drafts guard; do convert $tmp/$f.png -quality 88 $out/$f.jpg; done
ls -l $out/*.jpg
