#!/usr/bin/env bash
# Installs the .deb that packaging/package.sh built, uses it as a new user would, and removes it:
#   - the installed `ganimation` reports the build's version, finds its models under /opt, and renders the
#     sample byte for byte as the development build does, with the network unavailable where the
#     system allows it;
#   - a new user's home receives no PyTorch natives;
#   - the installed studio opens a photo given on its command line, under Xvfb;
#   - removal leaves nothing in /opt, /usr/bin or the desktop folders.
# Needs root (or sudo), the .deb in build/package and the development build in studio-app/target.
# Writes its figures to build/package/installed-report.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi

deb=$(ls "$root"/build/package/ganimation-studio_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "no .deb in build/package: run packaging/package.sh first" >&2; exit 2; }
dev_jar="$root/studio-app/target/ganimation-studio.jar"
report="$root/build/package/installed-report.txt"
work=$(mktemp -d /tmp/ganimation-pkgtest.XXXXXX)
chmod 755 "$work"
user=ganimation-pkgtest
fail() { echo "FAILED: $*" >&2; exit 1; }
seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }'; }

cleanup() {
  $sudo dpkg -r ganimation-studio >/dev/null 2>&1 || true
  if id "$user" >/dev/null 2>&1; then $sudo userdel -r "$user" >/dev/null 2>&1 || true; fi
  $sudo rm -rf "$work"
}
trap cleanup EXIT

: > "$report"
note() { echo "$*" | tee -a "$report"; }
note "package: $(basename "$deb"), $(du -m "$deb" | cut -f1) MB"

# --- install: apt resolves the declared dependencies (GTK for the studio)
t=$(seconds)
install_deb() { $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb" >>"$work/apt.log" 2>&1; }
# a second try after refreshing the package lists, for dependencies this machine has never fetched
if ! install_deb && ! { $sudo apt-get update -q >>"$work/apt.log" 2>&1 && install_deb; }; then
  cat "$work/apt.log" >&2
  fail "apt-get could not install the package"
fi
note "install: $(elapsed "$t") s (apt-get, dependencies included); installed size $(du -sm /opt/ganimation-studio | cut -f1) MB"
[ -x /opt/ganimation-studio/bin/ganimation-studio ] || fail "no studio launcher in /opt/ganimation-studio/bin"
[ "$(readlink /usr/bin/ganimation)" = /opt/ganimation-studio/bin/ganimation ] || fail "ganimation is not on PATH"
if [ -d /usr/share/applications ]; then
  entry=/usr/share/applications/ganimation-studio.desktop
  [ -f "$entry" ] || fail "no menu entry in /usr/share/applications"
  grep -q '^Exec=.*ganimation-studio %F$' "$entry" || fail "the menu entry does not pass files to the studio"
  grep -q '^MimeType=image/jpeg;image/png;$' "$entry" || fail "the menu entry does not offer to open JPEG and PNG"
  if ls /usr/share/applications/*ganimation* | grep -qv ganimation-studio.desktop; then fail "more than one menu entry"; fi
fi
for xml in /usr/share/mime/packages/*; do
  if grep -qi ganimation "$xml" 2>/dev/null; then fail "the package defines MIME types of its own ($xml)"; fi
done

# --- the command line, as a user with a new home and, where allowed, no network; run from a folder
# of its own, as the working directory's assets/ would come first
$sudo useradd -m "$user"
out="$work/out"
mkdir -p "$out"
$sudo chown "$user" "$out"
cd "$out"
offline="unshare -n"
if ! $sudo unshare -n true 2>/dev/null; then offline=""; note "network: left on (this system refuses a network namespace)"; fi
as_user() { $sudo $offline runuser -u "$user" -- "$@"; }

expected_version=$(unzip -p "$dev_jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: //p')
version=$(as_user ganimation --version)
version=${version%%$'\n'*}
[ "$version" = "ganimation $expected_version" ] || fail "installed version is '$version', expected 'ganimation $expected_version'"
as_user /opt/ganimation-studio/bin/ganimation-bench --help > "$work/bench-help.txt" 2>&1 \
  || { cat "$work/bench-help.txt" >&2; fail "the installed ganimation-bench does not start"; }
grep -q 'bench-preview' "$work/bench-help.txt" || fail "the installed ganimation-bench lists no benchmarks"

t=$(seconds)
as_user ganimation info > "$work/info.txt" 2>&1 || { cat "$work/info.txt" >&2; fail "ganimation info"; }
note "cold start (ganimation info, new user): $(elapsed "$t") s"
grep -q '^model: */opt/ganimation-studio/lib/app/assets/models/default' "$work/info.txt" \
  || { cat "$work/info.txt" >&2; fail "the installed CLI does not use its own models"; }
grep -q '^faces: *CNN finder.*/opt/ganimation-studio/lib/app/assets/models/face' "$work/info.txt" \
  || { cat "$work/info.txt" >&2; fail "the installed CLI does not find faces with its own CNN finder"; }

sample=/opt/ganimation-studio/lib/app/assets/samples/astronaut.png
t=$(seconds)
as_user ganimation render -i "$sample" --preset happiness -o "$out/installed.png" >/dev/null \
  || fail "the installed CLI could not render the sample"
note "first render of the sample (new user): $(elapsed "$t") s"
t=$(seconds)
as_user ganimation render -i "$sample" --preset happiness -o "$out/installed-again.png" >/dev/null
note "second render of the sample: $(elapsed "$t") s"
(cd "$work" && java -jar "$dev_jar" render -i "$root/assets/samples/astronaut.png" --preset happiness \
  -o "$work/development.png" >/dev/null)
cmp -s "$out/installed.png" "$work/development.png" || fail "the installed render differs from the development build's"
note "render: byte-identical to the development build"

home=$(getent passwd "$user" | cut -d: -f6)
[ ! -e "$home/.djl.ai" ] || fail "PyTorch natives were unpacked into the user's home"
note "a new user's home after use: $(du -sk "$home" | cut -f1) KB in all; $( (cd "$home" && find . -mindepth 1 -maxdepth 2 -type d | grep -v '^\./\.\(bash\|profile\)' | sort | tr '\n' ' ') )"

# --- the studio, opening a photo passed on its command line
if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null; then
  cp "$sample" "$out/portrait.png"
  chmod 644 "$out/portrait.png"
  t=$(seconds)
  as_user xvfb-run -a -s "-screen 0 1280x800x24" sh -c '
    /opt/ganimation-studio/bin/ganimation-studio "$1" >"$2/studio.log" 2>&1 &
    app=$!
    for i in $(seq 1 120); do
      if xwininfo -root -tree 2>/dev/null | grep -q "\"$3"; then
        echo "window after ${i}x0.5 s" >"$2/studio.window"
        sleep 8   # the photo opens after the window: give it time, then look at the screen
        if command -v import >/dev/null; then import -window root "$2/studio.png" 2>/dev/null || true; fi
        xwininfo -root -tree >"$2/studio.tree" 2>&1 || true
        break
      fi
      kill -0 $app 2>/dev/null || break
      sleep 0.5
    done
    kill $app 2>/dev/null || true
    wait $app 2>/dev/null || true
  ' sh "$out/portrait.png" "$out" "portrait.png — GANimation Studio"
  if [ ! -f "$out/studio.window" ]; then
    cat "$out/studio.log" >&2 || true
    fail "the installed studio showed no window titled with the photo it was given"
  fi
  note "studio: window with the photo's name after $(elapsed "$t") s under Xvfb"
  if [ -f "$out/studio.png" ]; then cp "$out/studio.png" "$root/build/package/installed-studio.png"; fi
else
  note "studio: not started (xvfb-run and xwininfo are needed)"
fi

# --- removal leaves nothing behind in system folders
$sudo dpkg -r ganimation-studio >/dev/null
left=$( { ls -d /opt/ganimation-studio /usr/bin/ganimation /usr/share/applications/ganimation-studio.desktop \
  /usr/share/icons/hicolor/*/apps/ganimation-studio.png 2>/dev/null || true; } )
[ -z "$left" ] || fail "removal left: $left"
if $sudo find /opt /usr /etc -name '*ganimation*' 2>/dev/null | grep -q .; then
  $sudo find /opt /usr /etc -name '*ganimation*' >&2
  fail "removal left files in system folders"
fi
note "removal: nothing left in /opt, /usr or /etc"
echo "installed package: all checks passed"
