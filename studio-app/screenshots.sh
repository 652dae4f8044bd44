#!/usr/bin/env bash
# Takes docs/screenshots/studio-*.png: the real studio window on a virtual display (Xvfb), with the
# shipped model. Needs: apt-get install xvfb libgtk-3-0 libgl1 libxtst6 libxxf86vm1
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q -B -DskipTests package -pl studio-app -am
./mvnw -o -q -B test-compile -pl studio-app -am   # in the reactor: nothing need be installed
display=:77
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp &
xvfb=$!
trap 'kill $xvfb' EXIT
sleep 2
DISPLAY=$display java -Dprism.order=sw -cp "studio-app/target/test-classes:studio-app/target/classes:studio-app/target/lib/*" \
  org.ganimationstudio.studio.ScreenshotTour "${1:-docs/screenshots}"
