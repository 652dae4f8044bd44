#!/usr/bin/env bash
# Unpacks the public face sets the face finder is measured on into DIR (tests skip without them):
#   DIR/dlib-faces: dlib's example faces, 9 photos from PASCAL VOC 2011 with 43 face boxes marked by dlib's
#   authors (training.xml, testing.xml), a collage of about 26 faces (bald_guys.jpg), a photo of dogs
#   (dogs.jpg) and a portrait; from Debian's dlib source package (Boost Software License).
set -euo pipefail
dir=${1:?usage: fetch-face-sets.sh DIR}
mkdir -p "$dir"
if [ ! -f "$dir/dlib-faces/testing.xml" ]; then
  url=http://deb.debian.org/debian/pool/main/d/dlib/dlib_19.24+dfsg.orig.tar.bz2
  sha=66b4263822a2ff91a3e769e501c7d7927a13089e178c1427ec19cb0475823cf6
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  curl -fsSL --retry 3 -o "$tmp/dlib.tar.bz2" "$url"
  echo "$sha  $tmp/dlib.tar.bz2" | sha256sum -c --quiet -
  tar -xjf "$tmp/dlib.tar.bz2" -C "$tmp" dlib-19.24+dfsg/examples/faces dlib-19.24+dfsg/LICENSE.txt
  rm -rf "$dir/dlib-faces"
  mv "$tmp/dlib-19.24+dfsg/examples/faces" "$dir/dlib-faces"
  cp "$tmp/dlib-19.24+dfsg/LICENSE.txt" "$dir/dlib-faces/LICENSE.txt"
fi
echo "face sets in $dir"
