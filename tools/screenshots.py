"""Screenshots of what residents see, at 320 px (a cheap phone) and 1280 px, English and Arabic.

Builds the sample site, serves it on 127.0.0.1 and saves full-page PNGs from headless Chromium to
``docs/screenshots/``: a section index, a guidance page and a step-by-step, each in English and in
Arabic (right to left). Look at them after changing the theme.

    python3 tools/screenshots.py [--site DIR]   # DIR: an already built site
"""

from __future__ import annotations

import argparse
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


def take(site: Path) -> list[Path]:
    """Save every page, language and width; return the files written."""
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    browser = Browser()
    server, url = serve(site)
    try:
        for name, path in PAGES.items():
            for code, prefix in LANGUAGES.items():
                for width in WIDTHS:
                    browser.open(url + prefix + path, width=width)
                    height = browser.driver.execute_script("return document.documentElement.scrollHeight")
                    # The whole page in one picture: the window cannot grow past the screen.
                    browser.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                        "width": width, "height": min(height, TALLEST), "deviceScaleFactor": 1, "mobile": width < 600})
                    target = OUT / f"{name}-{code}-{width}.png"
                    browser.driver.save_screenshot(str(target))
                    browser.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
                    written.append(target)
    finally:
        server.shutdown()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the sample)")
    args = parser.parse_args()
    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="plainpath-screens-")) / "site"
        result = build_site(REPO, site)
        if result.returncode:
            sys.exit(result.stderr[-3000:])
    for path in take(site):
        print(path.relative_to(REPO))


if __name__ == "__main__":
    main()
