"""Every PDF kzdesk writes, read as a court clerk's or an archive's software would: every font it
names is embedded (no stray Helvetica for a viewer to substitute), and its document information
names no one."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from ..vaults import DATA

SHIPPED_GUIDES = Path(__file__).resolve().parents[2] / "resources" / "guide"


def _resolved(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _fonts(resources: Any, seen: set[int]) -> list[DictionaryObject]:
    """The fonts of a resource dictionary and of the forms it draws, each once."""
    resources = _resolved(resources)
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return []
    seen.add(id(resources))
    out = [_resolved(f) for f in _resolved(resources.get("/Font", DictionaryObject())).values()]
    for xobject in _resolved(resources.get("/XObject", DictionaryObject())).values():
        xobject = _resolved(xobject)
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            out += _fonts(xobject["/Resources"], seen)
    return out


def _not_embedded(path: Path) -> set[str]:
    """The base names of the fonts a PDF uses without carrying them."""
    missing: set[str] = set()
    seen: set[int] = set()
    for page in PdfReader(path).pages:
        for font in _fonts(page.get("/Resources"), seen):
            described = _resolved(font["/DescendantFonts"][0]) if font.get("/Subtype") == "/Type0" else font
            descriptor = _resolved(described.get("/FontDescriptor"))
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return missing


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One of each PDF report, from the real December 2021 month."""
    from kzdesk.cli import main
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    from ..vaults import PASSPHRASE

    base = tmp_path_factory.mktemp("pdfs")
    vault = base / "vault"
    Vault.create(vault, PASSPHRASE, Profile("coordinator", "Ерлан", "Almaty"), kdf=floor_params()).close()
    mp = pytest.MonkeyPatch()
    mp.setenv("KZDESK_PASSPHRASE", PASSPHRASE)
    mp.setattr("kzdesk.cli.disable_crash_dumps", lambda: None)
    out = {name: base / f"{name}.pdf" for name in ("case", "chronology", "stats", "prisoners")}
    commands = [["import-csv", str(DATA / "monitoring_2021_12.csv")],
                ["report", "person", "Жақсылықов", "--out", str(out["case"])],
                ["report", "chronology", "--from", "2021-12-01", "--to", "2021-12-31", "--out", str(out["chronology"])],
                ["report", "stats", "--from", "2021-12-01", "--to", "2021-12-31", "--out", str(out["stats"])],
                ["report", "prisoners", "--out", str(out["prisoners"]), "--as-of", "2021-12-31"],
                ["recovery-shares", "--pdf", str(base / "shares")]]
    (base / "shares").mkdir()
    try:
        for command in commands:
            assert main(["--vault", str(vault), *command]) == 0, command
    finally:
        mp.undo()
    out["share"] = base / "shares" / "share-1.pdf"
    for lang in ("ru", "kk", "en"):
        out[f"guide-{lang}"] = SHIPPED_GUIDES / f"kzdesk-guide-{lang}.pdf"
    return out


KINDS = ["case", "chronology", "stats", "prisoners", "share", "guide-ru", "guide-kk", "guide-en"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded(reports: dict[str, Path], kind: str) -> None:
    assert reports[kind].is_file()
    assert _not_embedded(reports[kind]) == set()


@pytest.mark.parametrize("kind", KINDS)
def test_the_document_information_names_no_one(reports: dict[str, Path], kind: str) -> None:
    """Title, subject, keywords, author: what a file manager shows without opening the file."""
    with (DATA / "monitoring_2021_12.csv").open(encoding="utf-8") as fh:
        words = {w.casefold() for row in csv.DictReader(fh) for w in row["person"].split() if len(w) > 3}
    assert words
    info = PdfReader(reports[kind]).metadata or {}
    values = " ".join(str(v) for v in info.values()).casefold()
    assert [w for w in words if w in values] == []
    assert info.get("/Author") == "kzdesk"
