"""One headless Chromium per worker, reused for every page: starting a browser costs seconds.

Debian's Chromium and chromedriver only (selenium-manager would try to download a browser), with
the flags this machine needs as root and a fresh profile each time. With a WebDriver URL
(``PLAINPATH_WEBDRIVER_URL``: a Selenium Grid, or a chromedriver started with ``--port``) the
browsers run on that machine instead, so a large site's gate can use more of them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chromium.remote_connection import ChromiumRemoteConnection

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1024",
]


WEBDRIVER_URL_VARIABLE = "PLAINPATH_WEBDRIVER_URL"


def remote_webdriver_url() -> str | None:
    """The WebDriver endpoint the gate's browsers should run on, or None for local Chromium."""
    return os.environ.get(WEBDRIVER_URL_VARIABLE) or None


class Browser:
    """A Chromium session with its own throwaway profile folder, here or on a WebDriver server."""

    def __init__(self, webdriver_url: str | None = None) -> None:
        self.webdriver_url = webdriver_url if webdriver_url is not None else remote_webdriver_url()
        options = webdriver.ChromeOptions()
        for flag in FLAGS:
            options.add_argument(flag)
        self.profile = None
        if self.webdriver_url:
            # The server starts its own browser with a fresh profile; its paths are its own.
            connection = ChromiumRemoteConnection(
                remote_server_addr=self.webdriver_url.rstrip("/"), vendor_prefix="goog", browser_name="chrome", ignore_proxy=True)
            try:
                self.driver = webdriver.Remote(command_executor=connection, options=options)
            except Exception as error:  # noqa: BLE001 - any failure here means the same to the user
                raise RuntimeError(
                    f"No Chromium session from the WebDriver server at {self.webdriver_url} "
                    f"({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}). Check that "
                    f"it is running and reachable, or unset {WEBDRIVER_URL_VARIABLE} to use this machine's "
                    "Chromium.") from error
        else:
            self.profile = tempfile.mkdtemp(prefix="plainpath-chromium-")
            options.binary_location = CHROMIUM
            options.add_argument(f"--user-data-dir={self.profile}")
            self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_script_timeout(120)
        self.driver.set_page_load_timeout(60)
        # Focus styles (:focus, the skip link shown on focus) as if this window had the system's
        # focus, which a headless window beside others on the same machine may not have.
        self.cdp("Emulation.setFocusEmulationEnabled", {"enabled": True})
        self.preloaded: set[str] = set()
        self.width = 0

    def cdp(self, command: str, params: dict | None = None) -> dict:
        """A Chrome DevTools command, locally or through a WebDriver server (chromedriver's
        ``goog/cdp/execute``, which Selenium Grid passes on)."""
        return self.driver.execute("executeCdpCommand", {"cmd": command, "params": params or {}})["value"]

    def preload(self, path: Path) -> None:
        """Have every page this browser opens from now on load the script at ``path`` first
        (axe-core, Sa11y): sent once per browser instead of once per page."""
        key = str(path)
        if key not in self.preloaded:
            self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": path.read_text(encoding="utf-8")})
            self.preloaded.add(key)

    def open(self, url: str, width: int = 1280) -> None:
        """Load a page at a given viewport width (CSS pixels)."""
        self.resize(width)
        self.driver.get(url)

    def resize(self, width: int) -> None:
        """Lay the loaded page out again at another viewport width, without reloading it."""
        if width == self.width:
            return
        self.width = width
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
        )

    def close(self) -> None:
        self.driver.quit()
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
