"""Run ``plainpath serve`` in its own process, as an editor does, for tests and benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PreviewProcess:
    """``plainpath serve`` (or, with ``mkdocs=True``, ``mkdocs serve``, its peer in benchmarks)
    for ``project`` on 127.0.0.1; ``get`` fetches a page over HTTP."""

    def __init__(self, project: Path, log: Path, ready_timeout: float = 900, mkdocs: bool = False) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        command = ["mkdocs", "serve"] if mkdocs else ["plainpath.cli", "serve"]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", *command, "-a", f"127.0.0.1:{self.port}"],
            cwd=project, stdout=log.open("w"), stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        ready = self.url if mkdocs else self.url + ".plainpath/reload.js"
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{' '.join(command)} stopped:\n{log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(ready, timeout=5).read()
                self.start_seconds = time.perf_counter() - self.started
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise TimeoutError(f"plainpath serve did not answer in {ready_timeout} s")

    def get(self, path: str, timeout: float = 30) -> tuple[int, str]:
        """Status and text of one page (an error page is a response too)."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for(self, path: str, text: str, timeout: float = 60) -> float:
        """Seconds until the page at ``path`` contains ``text``, polling over HTTP."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            try:
                if text in self.get(path, timeout=timeout)[1]:
                    return time.perf_counter() - started
            except (TimeoutError, urllib.error.URLError, ConnectionError):
                pass  # mkdocs serve does not answer while it rebuilds: keep asking
            time.sleep(0.02)
        raise TimeoutError(f"'{text}' did not appear at {path} in {timeout} s")

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen) -> None:
    """Ask a server process to end; kill it if it has not after 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
