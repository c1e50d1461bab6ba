#!/bin/sh
# The installed copy (cmake --install into a temporary prefix) works outside the build tree: --version,
# a preset's screenshot, the desktop entry and AppStream metadata validate, icons and man page in place.
set -eu
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
cd "$prefix"
"$prefix/bin/unfoldlab" --version | grep -Eq '^unfoldlab [0-9]+\.[0-9]+\.[0-9]+'
QT_QPA_PLATFORM=offscreen "$prefix/bin/unfoldlab" --preset oista --screenshot "$prefix/shot.png" >/dev/null
test -s "$prefix/shot.png"
desktop-file-validate "$prefix/share/applications/org.unfoldlab.UnfoldLab.desktop"
appstreamcli validate --no-net "$prefix/share/metainfo/org.unfoldlab.UnfoldLab.metainfo.xml" >/dev/null
test -s "$prefix/share/icons/hicolor/scalable/apps/org.unfoldlab.UnfoldLab.svg"
for size in 16 32 48 64 128 256; do
  test -s "$prefix/share/icons/hicolor/${size}x${size}/apps/org.unfoldlab.UnfoldLab.png"
done
grep -q '^\.SS solve' "$prefix/share/man/man1/unfoldlab.1"
echo "installed copy in $prefix works"
