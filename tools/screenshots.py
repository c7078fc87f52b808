"""Screenshots of what residents see, at 320 px (a cheap phone) and 1280 px, English and Arabic.

Builds the sample site, serves it on 127.0.0.1 and saves full-page PNGs from headless Chromium to
``docs/screenshots/``: a section index, a guidance page and a step-by-step, each in English and in
Arabic (right to left), and page 1 of the step-by-step printed to PDF. Look at them after changing
the theme; ``--tag before`` keeps a set to compare with.

    python3 tools/screenshots.py [--site DIR] [--only step-by-step] [--tag before]
"""

from __future__ import annotations

import argparse
import base64
import sys
import tempfile
from pathlib import Path

from plainpath.accessibility.browser import Browser
from plainpath.site_build import build_site
from plainpath.static_server import serve

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
PAGES = {
    "section-index": "parking/",
    "guidance-page": "parking/apply/",
    "step-by-step": "flows/parking-permit/",
}
LANGUAGES = {"en": "", "ar": "ar/"}
WIDTHS = (320, 1280)
TALLEST = 6000


PRINTED = "step-by-step"


def print_to_pdf(browser: Browser, url: str) -> bytes:
    """The page as Chromium prints it on A4, with its own print styles."""
    browser.open(url, width=1280)
    printed = browser.cdp("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True, "preferCSSPageSize": True})
    return base64.b64decode(printed["data"])


def first_page_png(pdf: bytes, target: Path) -> None:
    """Page 1 of a PDF as a PNG, drawn by PDFium (the engine Chromium itself uses)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        document[0].render(scale=1.5).to_pil().save(target)
    finally:
        document.close()


def take(site: Path, only: set[str] | None = None, tag: str = "") -> list[Path]:
    """Save every page, language and width; return the files written."""
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    browser = Browser()
    server, url = serve(site)
    suffix = f"-{tag}" if tag else ""
    try:
        for name, path in PAGES.items():
            if only and name not in only:
                continue
            if name == PRINTED:
                for code, prefix in LANGUAGES.items():
                    target = OUT / f"{name}-{code}-print-page1{suffix}.png"
                    first_page_png(print_to_pdf(browser, url + prefix + path), target)
                    written.append(target)
            for code, prefix in LANGUAGES.items():
                for width in WIDTHS:
                    browser.open(url + prefix + path, width=width)
                    height = browser.driver.execute_script("return document.documentElement.scrollHeight")
                    # The whole page in one picture: the window cannot grow past the screen.
                    browser.cdp("Emulation.setDeviceMetricsOverride", {
                        "width": width, "height": min(height, TALLEST), "deviceScaleFactor": 1, "mobile": width < 600})
                    target = OUT / f"{name}-{code}-{width}{suffix}.png"
                    browser.driver.save_screenshot(str(target))
                    browser.cdp("Emulation.clearDeviceMetricsOverride", {})
                    written.append(target)
    finally:
        server.shutdown()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the sample)")
    parser.add_argument("--only", action="append", choices=sorted(PAGES), help="only these pages")
    parser.add_argument("--tag", default="", help="added to each file name, e.g. 'before'")
    args = parser.parse_args()
    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="plainpath-screens-")) / "site"
        result = build_site(REPO, site)
        if result.returncode:
            sys.exit(result.stderr[-3000:])
    for path in take(site, set(args.only or ()), args.tag):
        print(path.relative_to(REPO))


if __name__ == "__main__":
    main()
