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
# the same presets by the paper's generator (the previous default), for comparison
i=0
for p in happiness sadness surprise anger; do
  ./ganimation render -i $photo --preset $p -o $tmp/paper-$p.png --model assets/models/ganimation-paper --overwrite
  cell $tmp/$p.png "$p: warp" $tmp/p-$i.png; i=$((i + 1))
  cell $tmp/paper-$p.png "$p: paper" $tmp/p-$i.png; i=$((i + 1))
done
montage $tmp/p-[0-7].png -tile 8x1 -geometry +2+2 $tmp/versus-paper.png
pictures="strips sheet72 presets masks versus-paper"
# before/after on held-out faces: the frames python3 -m ganimation.evaluation.outside_eval restored (needs ../shared)
held=build/outside-eval/work/faces
if [ -d $held ]; then
  mkdir -p $tmp/held
  for f in $(ls $held | head -6); do cp $held/$f $tmp/held/; done
  for p in happiness sadness surprise anger; do
    ./ganimation batch -i $tmp/held -o $tmp/held-$p --preset $p
    ./ganimation batch -i $tmp/held -o $tmp/heldpaper-$p --preset $p --model assets/models/ganimation-paper
  done
  rows=()
  for f in $(ls $tmp/held); do
    n=${f%.png}; cells=($tmp/held/$f)
    for p in happiness sadness surprise anger; do cells+=($tmp/held-$p/$n.png); done
    for p in happiness sadness surprise anger; do cells+=($tmp/heldpaper-$p/$n.png); done
    montage "${cells[@]}" -tile 9x1 -geometry 178x218+1+1 $tmp/row-$n.png
    rows+=($tmp/row-$n.png)
  done
  convert "${rows[@]}" -append $tmp/heldout.png
  # closing the eyes (AU45 from the face's own reading to 0.5 and to 1), the eyes only, twice their size
  rows=()
  for f in $(ls $tmp/held); do
    n=${f%.png}; cells=()
    for v in own 0.5 1; do
      if [ $v = own ]; then src=$tmp/held/$f; else
        ./ganimation render -i $tmp/held/$f --aus AU45=$v -o $tmp/eyes-$n-$v.png --overwrite > /dev/null; src=$tmp/eyes-$n-$v.png; fi
      convert $src -crop 200x80+78+170 +repage -scale 200% $tmp/eyes-$n-$v-c.png; cells+=($tmp/eyes-$n-$v-c.png)
    done
    montage "${cells[@]}" -tile 3x1 -geometry +1+1 $tmp/erow-$n.png
    rows+=($tmp/erow-$n.png)
  done
  convert "${rows[@]}" -append $tmp/eyes.png
  pictures="$pictures heldout eyes"
fi
for f in $pictures; do convert $tmp/$f.png -quality 88 $out/$f.jpg; done
ls -l $out/*.jpg
