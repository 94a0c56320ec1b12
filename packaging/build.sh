#!/usr/bin/env bash
# Build the one-folder Linux app and its .tar.gz:   bash packaging/build.sh
#
# A separate venv (build/venv) gets the hash-pinned build requirements (--require-hashes: a
# changed or substituted package on the registry stops the build), then kzdesk itself without
# dependencies, then PyInstaller runs the spec. Prints the build time and the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
python3 -m venv build/venv
build/venv/bin/pip install -q --require-hashes -r packaging/requirements-build-linux.txt
build/venv/bin/pip install -q --no-deps --no-build-isolation .
build/venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work packaging/kzdesk.spec
app=build/dist/kzdesk
cp packaging/linux/org.kzdesk.kzdesk.desktop packaging/linux/org.kzdesk.kzdesk.metainfo.xml "$app/"
cp packaging/linux/install-desktop-entry.sh packaging/linux/kzdesk-cli "$app/"
version=$(build/venv/bin/python -c "import kzdesk; print(kzdesk.__version__)")
archive="build/kzdesk-$version-linux-x86_64.tar.gz"
tar -C build/dist -czf "$archive" kzdesk
finished=$(date +%s)
echo "built $app in $((finished - started)) s"
echo "folder: $(du -sh "$app" | cut -f1), archive: $(du -h "$archive" | cut -f1) ($archive)"
