"""One headless Chromium per worker, reused for every page: starting a browser costs seconds.

Debian's Chromium and chromedriver only (selenium-manager would try to download a browser), with
the flags this machine needs as root and a fresh profile each time.
"""

from __future__ import annotations

import shutil
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1024",
]


class Browser:
    """A Chromium session with its own throwaway profile folder."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="plainpath-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS + [f"--user-data-dir={self.profile}"]:
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_script_timeout(120)
        self.driver.set_page_load_timeout(60)

    def open(self, url: str, width: int = 1280) -> None:
        """Load a page at a given viewport width (CSS pixels)."""
        self.resize(width)
        self.driver.get(url)

    def resize(self, width: int) -> None:
        """Lay the loaded page out again at another viewport width, without reloading it."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
        )

    def close(self) -> None:
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)
