"""Draw kzdesk's application icon and write it in the three forms the platforms take.

    python packaging/make_icon.py          (writes resources/icons/; the files are committed)

A page of records under a shield, drawn from shapes rather than kept as a binary source, so the
icon can be reviewed and changed as code. Drawn at 1024 px and scaled down with a good filter:
the 16 px form (the window's title bar, the taskbar) must still read as a page and a shield.

- `org.kzdesk.kzdesk.png` (256 px): the window icon (QApplication.setWindowIcon) and, installed
  under the icon theme's name by install-desktop-entry.sh, the `.desktop` file's `Icon=`;
- `kzdesk.ico` (16–256 px): the Windows executables and the installer;
- `kzdesk.icns` (16–1024 px): the macOS application bundle.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
SIZE = 1024

BACKGROUND = (35, 78, 112, 255)  # deep blue: calm, legible on light and dark panels
PAGE = (250, 250, 247, 255)
FOLD = (205, 212, 220, 255)
LINE = (120, 135, 150, 255)
SHIELD = (232, 163, 23, 255)  # amber: the one warm mark, still visible at 16 px
SHIELD_EDGE = (35, 78, 112, 255)


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((40, 40, SIZE - 40, SIZE - 40), radius=190, fill=BACKGROUND)
    # The page, its corner folded over.
    left, top, right, bottom, fold = 250, 170, 700, 830, 130
    pen.polygon([(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)], fill=PAGE)
    pen.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD)
    # Lines of records: thick enough to survive scaling to 32 px.
    for n, y in enumerate(range(380, 760, 95)):
        pen.rounded_rectangle((left + 60, y, right - (170 if n % 2 else 60), y + 42), radius=21, fill=LINE)
    # The shield, over the page's lower right corner, outlined in the background's colour.
    cx, top_y, half, tip = 690, 520, 215, 930

    def side(sign: int, grow: int) -> list[tuple[int, int]]:
        # From a top corner down to the tip, curving in: a quadratic curve, finely sampled.
        start = (cx + sign * (half + grow), top_y - grow)
        control = (cx + sign * (half + grow), top_y + 260)
        end = (cx, tip + grow)
        return [
            (round((1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t * t * end[0]),
             round((1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t * t * end[1]))
            for t in (step / 40 for step in range(41))
        ]

    def shield(grow: int) -> list[tuple[int, int]]:
        return side(1, grow) + list(reversed(side(-1, grow)))

    pen.polygon(shield(36), fill=SHIELD_EDGE)
    pen.polygon(shield(0), fill=SHIELD)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "org.kzdesk.kzdesk.png", optimize=True)
    image.save(OUT / "kzdesk.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    image.save(OUT / "kzdesk.icns")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
