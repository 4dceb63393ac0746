"""Regenerate the raster icons from resources/icons/amends.svg: `python packaging/make_icons.py`.

The PNGs (16–512 px), amends.ico (Windows, 16–256 px) and amends.icns (macOS) are committed
beside the SVG, so building the app needs no SVG toolchain and the app itself never needs
Pillow: run this only after changing the SVG, then commit what it wrote.

It draws the SVG with Qt's own renderer (QtSvg, offscreen, no display needed) and writes the
ICO and ICNS with Pillow, from `pip install -e ".[packaging]"`. Each size is drawn from the
SVG rather than scaled down from a large picture, so the small ones stay sharp.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "amends.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)  # what Pillow's ICNS writer stores; 1024 is 512@2x


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_RGBA8888)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = bytes(image.constBits())
    return Image.frombuffer("RGBA", (size, size), data, "raw", "RGBA", image.bytesPerLine(), 1).copy()


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"{SVG} is not an SVG that Qt can draw", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}

    written = []
    for size in PNG_SIZES:
        path = ICONS / f"amends-{size}.png"
        images[size].save(path, optimize=True)
        written.append(path)

    ico = ICONS / "amends.ico"
    largest = max(ICO_SIZES)
    images[largest].save(
        ico,
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES if size != largest],
    )
    written.append(ico)

    icns = ICONS / "amends.icns"
    largest = max(ICNS_SIZES)
    images[largest].save(icns, append_images=[images[size] for size in ICNS_SIZES if size != largest])
    written.append(icns)

    for path in written:
        print(f"wrote {path.relative_to(ICONS.parent.parent)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
