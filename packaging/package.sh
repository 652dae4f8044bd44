#!/usr/bin/env bash
# Builds GANimation Studio as a native package with jpackage: a jlink'd Java runtime, the app and its
# libraries, this platform's native libraries as plain files, and the shipped models.
#
#   packaging/package.sh [--type deb|rpm|dmg|msi|app-image] [--skip-build] [--out DIR]
#
# Linux builds .deb (default) or .rpm, macOS .dmg, Windows .msi (from Git Bash, with the WiX toolset on
# PATH); each on its own platform, which is what picks that platform's natives (the pom's platform-*
# profiles). docs/PACKAGING.md says what goes where.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
here="$root/packaging"

type=""
build=1
out="$root/build/package"
while [ $# -gt 0 ]; do
  case "$1" in
    --type) type="$2"; shift 2 ;;
    --skip-build) build=0; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$(uname -s)" in
  Linux) os=linux; type=${type:-deb}; jni=libdjl_torch.so; libs='*.so*' ;;
  Darwin) os=mac; type=${type:-dmg}; jni=libdjl_torch.dylib; libs='*.dylib' ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; type=${type:-msi}; jni=djl_torch.dll; libs='*.dll' ;;
  *) echo "unsupported system: $(uname -s)" >&2; exit 2 ;;
esac
for tool in jlink jpackage unzip; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (a JDK 17 or later, and unzip)" >&2; exit 2; }
done

target="$root/studio-app/target"
if [ "$build" = 1 ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl studio-app -am package)
fi
[ -f "$target/ganimation-studio.jar" ] || { echo "no $target/ganimation-studio.jar: build first or drop --skip-build" >&2; exit 2; }
# JavaCPP's name for this platform, as the pom's platform profile chose it (the native jars' suffix)
javacpp_platform=$(ls "$target"/lib/javacpp-*-*.jar 2>/dev/null | sed -n 's/.*javacpp-[0-9.]*-\(.*\)\.jar/\1/p' | head -1)

# The version the jar's manifest carries (the pom's); installers want plain numbers.
full_version=$(unzip -p "$target/ganimation-studio.jar" META-INF/MANIFEST.MF | tr -d '\r' \
  | sed -n 's/^Implementation-Version: //p')
[ -n "$full_version" ] || { echo "the app jar has no Implementation-Version" >&2; exit 2; }
app_version=${full_version%%-*}

work="$out/work"
rm -rf "$work"
mkdir -p "$work/input/lib" "$work/input/native" "$work/input/desktop" "$out"
input="$work/input"

# --- the app: its jar, its libraries (PyTorch's native jar is unpacked below instead) and its assets
cp "$target/ganimation-studio.jar" "$input/"
for jar in "$target"/lib/*.jar; do
  case "$(basename "$jar")" in
    pytorch-native-*) ;;                      # unpacked into native/pytorch below
    *-"$javacpp_platform".jar) ;;             # JavaCPP's native jars: unpacked into native/lib below
    *) cp "$jar" "$input/lib/" ;;
  esac
done
mkdir -p "$input/assets/models" "$input/assets/samples"
for model in default estimator ganimation-paper face; do
  cp -R "$root/assets/models/$model" "$input/assets/models/"
done
cp "$root/assets/samples/astronaut.png" "$input/assets/samples/"
cp "$root/LICENSE" "$input/"
cp -R "$here/licenses" "$input/"
cp "$here/icons/ganimation-studio.png" "$here/linux/ganimation-studio.desktop" "$here/linux/desktop-integration.sh" "$input/desktop/"

# --- PyTorch as installed files: loaded from the installation, never unpacked into each user's home.
# DJL takes libtorch from PYTORCH_LIBRARY_PATH and its JNI library from the engine cache, which the
# launchers point at the installation.
native_jar=$(ls "$target"/lib/pytorch-native-*.jar)
prop() { unzip -p "$native_jar" native/lib/pytorch.properties | tr -d '\r' | sed -n "s/^$1=//p"; }
torch_version=$(prop version); torch_version=${torch_version%%-*}
torch_flavor=$(prop flavor)
classifier=$(prop classifier)
djl_version=$(ls "$target"/lib/pytorch-engine-*.jar | sed 's/.*pytorch-engine-\(.*\)\.jar/\1/')
mkdir -p "$input/native/pytorch"
unzip -q -j -o "$native_jar" "pytorch/$torch_flavor/$classifier/*" -d "$input/native/pytorch"
jni_dir="$input/native/engine-cache/pytorch/$torch_version-$torch_flavor-$classifier"
mkdir -p "$jni_dir"
unzip -p "$(ls "$target"/lib/pytorch-jni-*.jar)" "jnilib/$classifier/$torch_flavor/$jni" > "$jni_dir/$djl_version-$jni"

# --- JavaCPP's natives (OpenCV, FFmpeg, OpenBLAS) and JavaFX's as installed files too: JavaCPP looks on
# java.library.path first and the libraries find each other beside themselves ($ORIGIN); OpenCV's data
# files (the face cascades) stay in a small jar of their own. OpenCV links OpenBLAS directly, so
# JavaCPP's own OpenBLAS loader, which would copy the library into each home under another name, is off.
mkdir -p "$input/native/lib" "$work/opencv-data"
for jar in "$target"/lib/*-"$javacpp_platform".jar; do
  case "$(basename "$jar")" in pytorch-native-*) continue ;; esac
  unzip -q -j -o "$jar" "org/bytedeco/*/$javacpp_platform/$libs" -d "$input/native/lib"
  unzip -q -o "$jar" "org/bytedeco/*/$javacpp_platform/share/*" -d "$work/opencv-data" 2>/dev/null || true
done
(cd "$work/opencv-data" && jar cf "$input/lib/opencv-data-$javacpp_platform.jar" .)
for jar in "$target"/lib/javafx-*.jar; do
  unzip -q -j -o "$jar" "$libs" -d "$input/native/lib" 2>/dev/null || true
done

java_options=(
  '-Dai.djl.offline=true'
  '-Djava.library.path=$APPDIR/native/lib'
  '-Dorg.bytedeco.javacpp.pathsFirst=true'
  '-Dorg.bytedeco.openblas.load=none'
  '-DPYTORCH_LIBRARY_PATH=$APPDIR/native/pytorch'
  "-DPYTORCH_VERSION=$torch_version"
  "-DPYTORCH_FLAVOR=$torch_flavor"
  '-DENGINE_CACHE_DIR=$APPDIR/native/engine-cache'
)

# --- a Java runtime with only the modules the app and its libraries use
runtime="$work/runtime"
jlink --add-modules java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.prefs,java.sql,java.xml,jdk.jfr,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,jdk.crypto.ec \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$runtime"

# --- the command line's launchers beside the studio's: `ganimation`, and `ganimation-bench` (the
# benchmarks and the soak, which `ganimation --help` points to; not put on PATH)
for launcher in ganimation:GanimationCli ganimation-bench:BenchCli; do
  {
    echo "main-class=org.ganimationstudio.cli.${launcher#*:}"
    echo "win-console=true"
    echo "java-options=${java_options[*]}"
  } > "$work/${launcher%%:*}.properties"
done

args=(
  --type "$type"
  --dest "$out"
  --input "$input"
  --runtime-image "$runtime"
  --main-jar ganimation-studio.jar
  --main-class org.ganimationstudio.studio.StudioLauncher
  --add-launcher "ganimation=$work/ganimation.properties"
  --add-launcher "ganimation-bench=$work/ganimation-bench.properties"
  --app-version "$app_version"
  --vendor "GANimation Studio"
  --description "Change the expression of a face in a photo, one facial muscle at a time"
  --copyright "GANimation Studio contributors"
  --license-file "$root/LICENSE"
)
for option in "${java_options[@]}"; do args+=(--java-options "$option"); done

case "$os" in
  linux)
    # No --icon here: jpackage would write menu entries of its own, one for the command line too;
    # the package's own entry and icon are in lib/app/desktop, installed by postinst.
    args+=(--name ganimation-studio --install-dir /opt
      --linux-app-category graphics --resource-dir "$here/linux")
    # GTK for the studio's window, PulseAudio's client library for the bundled FFmpeg
    if [ "$type" = rpm ]; then
      args+=(--linux-rpm-license-type "Apache-2.0" --linux-package-deps "gtk3, pulseaudio-libs")
    else
      args+=(--linux-package-deps "libgtk-3-0, libpulse0")
    fi
    if [ "$type" = deb ]; then
      args+=(--linux-deb-maintainer "packages@ganimationstudio.org")
      # zstd: seconds to build, for the same size xz gives in minutes
      export DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-zstd}
    fi
    ;;
  mac)
    args+=(--name "GANimation Studio" --icon "$here/icons/ganimation-studio.icns"
      --mac-package-identifier org.ganimationstudio.studio
      --file-associations "$here/mac/jpeg.properties" --file-associations "$here/mac/png.properties")
    ;;
  windows)
    args+=(--name "GANimation Studio" --icon "$here/icons/ganimation-studio.ico"
      --win-menu --win-shortcut --win-dir-chooser --win-upgrade-uuid 6f1c2b7e-4c1e-4f5b-9a53-2d1d3f0e8a41
      --file-associations "$here/windows/jpeg.properties" --file-associations "$here/windows/png.properties")
    ;;
esac

rm -f "$out"/*."$type"
jpackage "${args[@]}"
ls -la "$out"
