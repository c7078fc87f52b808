"""The gate's browsers on another WebDriver endpoint (issue 18, item 4).

A real WebDriver server: chromedriver's own endpoint, started here on 127.0.0.1 (Selenium Grid
speaks the same protocol). The run over the whole sample site must give the same verdicts as
the local run, and a server that is not there must be a clear error, not a hang.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from accessibility_tests.conftest import WORKERS, gate_site, verdicts
from plainpath.accessibility.browser import CHROMEDRIVER, Browser
from plainpath.accessibility.gate import configured_languages, run_gate, site_pages

REPO = Path(__file__).parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def webdriver_server(tmp_path_factory):
    """chromedriver listening on 127.0.0.1 as a WebDriver server, with its log."""
    port = free_port()
    log = tmp_path_factory.mktemp("webdriver") / "chromedriver.log"
    server = subprocess.Popen([CHROMEDRIVER, f"--port={port}", "--allowed-ips=127.0.0.1", "--verbose",
                               f"--log-path={log}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "/status", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"chromedriver did not answer on {url}")
        yield url, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_gate_on_a_remote_webdriver_gives_the_local_verdicts(webdriver_server, site_url, axe_js, gate_results):
    url, log = webdriver_server
    site = gate_site()
    remote = run_gate(site_url, site_pages(site), axe_js, configured_languages(REPO / "mkdocs.yml"),
                      WORKERS, webdriver_url=url)
    assert [page for page, result in remote.items() if result.error] == []
    assert verdicts(remote) == verdicts(gate_results)
    assert {page: r.rules_run for page, r in remote.items()} == {page: r.rules_run for page, r in gate_results.items()}
    sessions = log.read_text(encoding="utf-8", errors="replace").count("COMMAND InitSession")
    assert sessions == min(WORKERS, len(remote))  # the browsers really ran on the server


def test_a_webdriver_server_that_is_not_there_is_a_clear_error():
    port = free_port()  # nothing listens here
    with pytest.raises(RuntimeError) as caught:
        Browser(f"http://127.0.0.1:{port}/")
    message = str(caught.value)
    assert f"No Chromium session from the WebDriver server at http://127.0.0.1:{port}/" in message
    assert "unset PLAINPATH_WEBDRIVER_URL" in message
