#!/usr/bin/env bash
# Optional, per user, no root: add kzdesk to the desktop's application menu.
#   ./install-desktop-entry.sh        (run from the unpacked kzdesk folder)
# Not for portable use: on a stick, run ./kzdesk directly and leave the profile untouched.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
sed "s|^Exec=kzdesk|Exec=$here/kzdesk|" "$here/org.kzdesk.kzdesk.desktop" > "$apps/org.kzdesk.kzdesk.desktop"
# The desktop file names its icon by the theme name; the theme's fallback (hicolor) holds it.
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
mkdir -p "$icons"
cp "$here/_internal/resources/icons/org.kzdesk.kzdesk.png" "$icons/org.kzdesk.kzdesk.png"
echo "Added to the application menu: $apps/org.kzdesk.kzdesk.desktop"
