"""A real LibreTranslate server on 127.0.0.1 with the tiny fixture argos models, for tests and bench.

LibreTranslate lives in its own virtual environment (``.ci/setup-libretranslate``): it pins
argos-translate 1.12, which must not replace plainpath's argostranslate. Offline, as on a
council's server without internet: HOME and the XDG folders are private, the models are installed
from files, and argos's sentence splitter is spaCy with a blank multilingual pipeline put where
argos caches its download (the same splitter plainpath's own argos engine uses), so nothing is
downloaded at start. Starting takes about 3 s.
At least two models must be installed (see ``start_server``).
"""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from plainpath.preview.process import free_port, stop_process

VENV = Path(os.environ.get("PLAINPATH_LIBRETRANSLATE_VENV")
            or Path.home() / ".local" / "share" / "plainpath" / "libretranslate")
MODELS = Path(__file__).parent / "fixtures" / "models"

PREPARE = """
import os, pathlib, sys
import spacy
cache = pathlib.Path(os.environ["XDG_CACHE_HOME"]) / "argos-translate" / "spacy"
cache.parent.mkdir(parents=True, exist_ok=True)
spacy.blank("xx").to_disk(cache)
(cache / "senter").mkdir(exist_ok=True)
(cache / "senter" / "model").touch()
from argostranslate import package
for path in sys.argv[1:]:
    package.install_from_path(pathlib.Path(path))
"""


class NotInstalled(RuntimeError):
    """LibreTranslate's virtual environment is missing: ``bash .ci/setup`` makes it."""


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen
    log: Path
    home: Path

    def stop(self) -> None:
        stop_process(self.process)


def start_server(home: Path, languages: tuple[str, ...] = ("es", "ar"), *extra: str,
                 wait_seconds: float = 120.0) -> RunningServer:
    """Install the fixture models in a private home and start the server with ``languages``.

    Every fixture model is installed, whatever ``languages`` asks for: with fewer than two
    packages installed, LibreTranslate 1.9.6 tries to download models at start and, offline,
    spends over a minute failing to look up the package index."""
    executable = VENV / "bin" / "libretranslate"
    if not executable.exists():
        raise NotInstalled(f"LibreTranslate is not installed in {VENV}: run 'bash .ci/setup' "
                           "(it runs .ci/setup-libretranslate).")
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
        "ARGOS_PACKAGES_DIR": str(home / "packages"), "ARGOS_CHUNK_TYPE": "SPACY",
        "ARGOS_DEVICE_TYPE": "cpu", "PYTHONWARNINGS": "ignore",
    }
    models = [str(path) for path in sorted(MODELS.glob("translate-en_*.argosmodel"))]
    subprocess.run([str(VENV / "bin" / "python"), "-c", PREPARE, *models], env=env, check=True,
                   capture_output=True, timeout=300)
    port = free_port()
    log = home / "server.log"
    process = subprocess.Popen(
        [str(executable), "--host", "127.0.0.1", "--port", str(port), "--load-only",
         ",".join(("en", *languages)), "--disable-web-ui", *extra],
        env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"LibreTranslate stopped at start (exit {process.returncode}):\n"
                               + log.read_text(errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(url + "/languages", timeout=2) as answer:
                if answer.status == 200:
                    return RunningServer(url, process, log, home)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"LibreTranslate did not answer within {wait_seconds:g} s:\n"
                       + log.read_text(errors="replace")[-3000:])


def add_api_key(server: RunningServer, requests_per_minute: int = 1000) -> str:
    """A key in the server's key database (``ltmanage keys add``), as its operator would make one."""
    database = server.home / "api_keys.db"
    made = subprocess.run(
        [str(VENV / "bin" / "ltmanage"), "keys", "--api-keys-db-path", str(database), "add",
         str(requests_per_minute)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    return made.stdout.strip().splitlines()[-1]
