#!/bin/sh
# Puts the command line on PATH and the studio in the desktop menu, with "Open with" for JPEG and PNG
# (install), or takes them back (remove). Called by the .deb's and the .rpm's install scripts.
# The menu steps are best-effort: on a system without a desktop the package still installs. It never
# defines MIME types of its own: the system's image/jpeg and image/png are used as they are.
app=/opt/ganimation-studio
here="$app/lib/app/desktop"
entry=/usr/share/applications/ganimation-studio.desktop
icon=/usr/share/icons/hicolor/256x256/apps/ganimation-studio.png

refresh() {
  if [ -d /usr/share/applications ] && command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
  fi
  if [ -d /usr/share/icons/hicolor ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
  fi
}

case "$1" in
  install)
    ln -sf "$app/bin/ganimation" /usr/bin/ganimation
    if [ -d /usr/share/applications ]; then install -m 644 "$here/ganimation-studio.desktop" "$entry"; fi
    if [ -d /usr/share/icons/hicolor ]; then
      mkdir -p "$(dirname "$icon")"
      install -m 644 "$here/ganimation-studio.png" "$icon"
    fi
    refresh
    ;;
  remove)
    if [ -L /usr/bin/ganimation ] && [ "$(readlink /usr/bin/ganimation)" = "$app/bin/ganimation" ]; then
      rm -f /usr/bin/ganimation
    fi
    rm -f "$entry" "$icon"
    refresh
    ;;
  *) echo "usage: $0 install|remove" >&2; exit 2 ;;
esac
exit 0
