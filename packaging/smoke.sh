#!/usr/bin/env bash
# Try the built app as a volunteer and a coordinator would, offscreen:  bash packaging/smoke.sh [APP_DIR]
#
# Creates two vaults, imports the December 2021 month, writes a PDF report, exports a bundle and
# merges it at the coordinator, then checks the results; measures the start to the unlock window
# (median of 5) beside the unpacked Python run; and runs a portable session from a "stick" with
# an empty HOME, listing HOME before and after. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
[ -x "${1:-build/dist/kzdesk}/kzdesk-cli" ] || { echo "SMOKE FAILED: no built app in ${1:-build/dist/kzdesk} (run bash packaging/build.sh first)" >&2; exit 1; }
app=$(cd "${1:-build/dist/kzdesk}" && pwd)
# The Python side (pypdf reads the PDFs back; the unpacked run is the start-time yardstick) uses the
# venv build.sh made, with the same hash-pinned packages as the app and kzdesk itself, so nothing
# outside the build is assumed; a clone that lacks it gets it made here the same way.
py="$root/build/venv/bin/python"
if ! "$py" -c "import kzdesk, pypdf" 2>/dev/null; then
  echo "== setting up build/venv (hash-pinned build requirements, then kzdesk)"
  python3 -m venv build/venv
  build/venv/bin/pip install -q --require-hashes -r packaging/requirements-build-linux.txt
  build/venv/bin/pip install -q --no-deps --no-build-isolation .
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen KZDESK_LANG=ru KZDESK_PASSPHRASE="smoke passphrase әғқ 2021"
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config" \
       XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$HOME"
cli="$app/kzdesk-cli"
fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }

echo "== volunteer and coordinator"
"$cli" --vault "$work/v" init --name "Айгүл" --city "Орал" >/dev/null
"$cli" --vault "$work/c" init --role coordinator --name "Мұрат" >/dev/null
"$cli" --vault "$work/c" identity export-card --out "$work/c.card" >/dev/null
"$cli" --vault "$work/v" identity export-card --out "$work/v.card" >/dev/null
"$cli" --vault "$work/v" trust add "$work/c.card" --yes >/dev/null
"$cli" --vault "$work/c" trust add "$work/v.card" --yes >/dev/null
"$cli" --vault "$work/v" import-csv tests/data/monitoring_2021_12.csv
"$cli" --vault "$work/v" report stats --from 2021-12 --to 2021-12 --out "$work/stats.pdf"
"$cli" --vault "$work/v" report prisoners --out "$work/prisoners.pdf" --profile full
"$cli" --vault "$work/v" report person "Айтбаев" --out "$work/case.pdf"
"$cli" --vault "$work/v" --lang kk report person "Айтбаев" --archival --out "$work/case-archival.pdf"
"$cli" --vault "$work/v" verify-report "$work/case.pdf" >/dev/null
"$cli" --vault "$work/v" verify-report "$work/case-archival.pdf" >/dev/null
"$cli" --vault "$work/v" report chronology --from 2021-12-01 --to 2021-12-31 --out "$work/chronology.pdf"
mkdir "$work/shares"
"$cli" --vault "$work/v" recovery-shares --pdf "$work/shares" >/dev/null
"$cli" --vault "$work/v" export-bundle --out "$work/december.kzb"
"$cli" --vault "$work/c" import-bundle "$work/december.kzb"
volunteer=$("$cli" --vault "$work/v" stats --json)
coordinator=$("$cli" --vault "$work/c" stats --json)
"$py" - "$work" "$volunteer" "$coordinator" <<'PY' || fail "results"
import json, sys
from pathlib import Path
from pypdf import PdfReader
work, v, c = Path(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
assert v["persons"] == 42 and v["acts"] == 82, v
assert (c["persons"], c["events"], c["acts"]) == (v["persons"], v["events"], v["acts"]), (v, c)
text = "".join(page.extract_text() for page in PdfReader(work / "stats.pdf").pages)
assert "декабрь 2021" in text and "Меры по городам" in text, text[:300]  # Russian, extractable
prisoners = "".join(page.extract_text() for page in PdfReader(work / "prisoners.pdf").pages)
assert len(prisoners) > 100
# The QR codes (case summaries, recovery shares) and the archival form work in the built app too.
case = "".join(page.extract_text() for page in PdfReader(work / "case.pdf").pages)
assert "Айтбаев Мұрат" in case and "Сводка по делу" in case, case[:300]
archival = PdfReader(work / "case-archival.pdf").trailer["/Root"]
assert b"<pdfaid:part>2</pdfaid:part>" in archival["/Metadata"].get_object().get_data() and archival["/Lang"] == "kk"
assert len(list((work / "shares").glob("*.pdf"))) >= 3
assert "Хроника" in "".join(page.extract_text() for page in PdfReader(work / "chronology.pdf").pages)
bundle = (work / "december.kzb").read_bytes()
assert b"kzdesk" not in bundle.lower() and "Айтбаев".encode() not in bundle
print(f"ok: {v['persons']} persons, {v['events']} events, {v['acts']} acts at both ends; PDFs read back")
PY

echo "== the rest of the command line, once each"
# What the analysis cannot see (a module imported by its name in a string) fails only in the built
# app, so each face of it runs once here: LibreOffice's own spreadsheet, Excel output, backups...
x="$work/x"
mkdir "$x"
each() { "$cli" "$@" >/dev/null 2>"$x/err" || { cat "$x/err" >&2; fail "kzdesk-cli $*"; }; }
each --vault "$x/v" init --name "Ерлан" --city "Шымкент"
each --vault "$x/v" import tests/data/monitoring_2021_12_libreoffice.xlsx
each --vault "$x/v" --lang kk template --format xlsx --out "$x/үлгі.xlsx"
each --vault "$x/v" export-csv --format xlsx --profile full --out "$x/acts.xlsx"
each --vault "$x/v" export-csv --delimiter semicolon --out "$x/acts.csv"
each --vault "$x/v" search "Жақсылықов"
each --vault "$x/v" persons
each --vault "$x/v" duplicates list
each --vault "$x/v" check
each --vault "$x/v" backup --out "$x/copy.kzbackup"
each --vault "$x/restored" restore "$x/copy.kzbackup"
each --vault "$work/c" identity export-age-key --out "$x/coordinator.age"
each --vault "$work/c" conflicts list
each --lang kk guide --out "$x/нұсқаулық.pdf"
"$cli" --vault "$x/restored" stats --json | grep -q '"acts": 82' || fail "the restored vault"
"$py" -c "import openpyxl, sys; assert openpyxl.load_workbook(sys.argv[1]).active.max_row == 83" "$x/acts.xlsx" \
  || fail "the exported workbook"
echo "ok: spreadsheets in and out, search, duplicates, check, backup and restore, keys, the guide"

echo "== start to the unlock window (median of 5)"
startup() {  # prints seconds to the "ready" line
  local start end
  start=$(date +%s.%N)
  KZDESK_STARTUP_PROBE=1 "$@" --vault "$work/v" gui 2>/dev/null | grep -q ready || fail "no window from $*"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
frozen=$(for _ in 1 2 3 4 5; do startup "$app/kzdesk"; done | median)
unpacked=$(for _ in 1 2 3 4 5; do startup "$py" -m kzdesk; done | median)
echo "built app: ${frozen} s; unpacked Python run: ${unpacked} s; ratio $(echo "scale=2; $frozen / $unpacked" | bc)"
awk -v t="$frozen" 'BEGIN { exit !(t < 2.0) }' || fail "start took ${frozen} s"

echo "== portable session from a stick"
stick="$work/stick"
cp -r "$app" "$stick"
touch "$stick/kzdesk-portable"
before=$(cd "$HOME" && find . | sort)
"$stick/kzdesk-cli" init --name "Stick" >/dev/null
"$stick/kzdesk-cli" import-csv tests/data/monitoring_2021_12.csv >/dev/null
"$stick/kzdesk-cli" report stats --from 2021-12 --to 2021-12 --out "$stick/stats.pdf" >/dev/null
KZDESK_STARTUP_PROBE=1 "$stick/kzdesk" gui 2>/dev/null | grep -q ready || fail "portable window"
after=$(cd "$HOME" && find . | sort)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after"); fail "portable run wrote into HOME"; }
[ -f "$stick/kzdesk-data/vault/vault.json" ] || fail "no vault on the stick"
echo "HOME before and after: $(echo "$before" | wc -l) entries, unchanged; on the stick:"
(cd "$stick/kzdesk-data" && find . -maxdepth 2 | sort | sed 's/^/  /')
echo "== the copy checks out"
# About reads every program file (the fingerprint): a file the build left half-linked fails it.
shown=$("$cli" about --json | "$py" -c "import json, sys; print(json.load(sys.stdin)['fingerprint'])") || fail "about"
version=$("$py" -c "import kzdesk; print(kzdesk.__version__)")
sums="$app/../kzdesk-$version-linux-x86_64.sha256"
if [ -f "$sums" ]; then
  (cd "$(dirname "$sums")" && sha256sum --quiet --strict -c "$(basename "$sums")") || fail "checksum list"
  echo "fingerprint $shown; every file matches $(basename "$sums") ($(wc -l < "$sums") files)"
  if [ -f "$sums.minisig" ]; then
    minisign -V -p packaging/kzdesk-release.pub -m "$sums" | grep -q "fingerprint $shown" || fail "signature"
    echo "signed with the release key, for this fingerprint"
  fi
else
  echo "fingerprint $shown; no checksum list beside the folder"
fi
echo "SMOKE OK"
