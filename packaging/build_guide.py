"""Build the user guide PDFs shipped with the program (run after editing docs/guide/*.md).

    python packaging/build_guide.py   # docs/guide/{ru,kk,en}.md -> resources/guide/kzdesk-guide-{ru,kk,en}.pdf

The PDFs are committed so that an install needs no build step; tests/integration/test_guide.py
fails when they are out of date with their sources.
"""

from __future__ import annotations

from pathlib import Path

from kzdesk.core.reports.guide import build_all

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    for path in build_all(ROOT / "docs" / "guide", ROOT / "resources" / "guide"):
        print(path.relative_to(ROOT), path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
