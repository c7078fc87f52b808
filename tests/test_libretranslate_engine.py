"""The LibreTranslate engine against a real LibreTranslate 1.9.6 server on 127.0.0.1.

The server (tests/libretranslate_server.py) serves the tiny fixture argos models, which reproduce
tests/fixtures/corpus exactly, so what comes back can be asserted exactly. Failures are the real
server's own (a closed port, a language it does not load, its --char-limit and --batch-limit,
its API keys); only 503 answers and a slow answer come from a fault-injecting proxy placed in
front of the real server, because LibreTranslate cannot be asked to fail on cue.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import polib
import pytest

from plainpath.translation.engine import EngineError
from plainpath.translation.glossary import load_glossary
from plainpath.translation.libretranslate_engine import LibreTranslateEngine, LibreTranslateSettings, _servers

sys.path.insert(0, str(Path(__file__).parent))
from libretranslate_server import add_api_key, free_port, start_server  # noqa: E402

ROOT_CONFTEST = Path(__file__).parent.parent / "conftest.py"
FIXTURES = Path(__file__).parent / "fixtures"


def corpus(language: str) -> list[tuple[str, str]]:
    lines = (FIXTURES / "corpus" / f"en-{language}.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("libretranslate"))
    yield running
    running.stop()


def engine_for(url: str, **options) -> LibreTranslateEngine:
    _servers.clear()  # each test asks afresh, as a new build would
    return LibreTranslateEngine(LibreTranslateSettings(url=url, **options))


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_server_reproduces_the_corpus_through_the_engine(server, language):
    engine = engine_for(server.url, batch_size=7)
    pairs = corpus(language)
    progress: list[int] = []
    assert engine.can_serve("en", language)
    translated = engine.translate_batch([english for english, _ in pairs] + [""], "en", language, progress.append)
    assert translated == [expected for _, expected in pairs] + [""]
    total = len(pairs) + 1
    assert progress == list(range(7, total, 7)) + [total]  # one request of 7 segments at a time
    provenance = engine.provenance("en", language)
    assert (provenance.engine, provenance.version) == ("libretranslate", "1.9.6")
    assert provenance.model == f"en-{language} at {server.url.removeprefix('http://')}"


def test_a_language_the_server_does_not_load_is_not_claimed(server):
    engine = engine_for(server.url)
    assert not engine.can_serve("en", "fr")
    with pytest.raises(EngineError, match=r"does not offer en to fr.*--load-only en,fr"):
        engine.translate_batch(["Pay the fee."], "en", "fr")


def sample_with_libretranslate(copier, destination: Path, url: str, extra: str = "") -> Path:
    """The sample site with Spanish and Arabic sent to LibreTranslate, their memories empty."""
    project = copier(destination)
    for code in ("es", "ar"):
        (project / "translations" / f"{code}.po").unlink()
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("          name: Español\n          engines: [argos, apertium]",
                        "          name: Español\n          engines: [libretranslate]")
    text = text.replace("          dir: rtl\n          engines: [argos]", "          dir: rtl\n          engines: [libretranslate]")
    text = text.replace("      translations_dir: translations\n",
                        f"      translations_dir: translations\n      libretranslate:\n        url: {url}\n{extra}")
    assert text.count("engines: [libretranslate]") == 2
    config.write_text(text, encoding="utf-8")
    return project


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PLAINPATH_TODAY": "2026-12-01", "NO_MKDOCS_2_WARNING": "1"},
    )


def test_the_sample_site_is_translated_through_the_server_and_rebuilds_without_it(
    server, sample_project_copier, tmp_path
):
    project = sample_with_libretranslate(sample_project_copier, tmp_path / "project", server.url)
    built = build(project)
    assert built.returncode == 0, built.stderr[-3000:]
    host = server.url.removeprefix("http://")
    glossary = load_glossary(project / "translations" / "glossary.yml", "translations/glossary.yml")
    for code in ("es", "ar"):
        po = polib.pofile(str(project / "translations" / f"{code}.po"))
        machine = [entry for entry in po if "machine" in entry.flags]
        assert len(machine) > 150
        assert all(f"machine: libretranslate en-{code} at {host} 1.9.6" in entry.comment for entry in machine)
        # Every corpus sentence the sample uses came back exactly as the model says it (those with
        # a glossary term went with the term held out, so the model saw other words).
        terms = glossary.terms_for(code)
        known = dict(corpus(code))
        matched = [entry for entry in po if entry.msgid in known
                   and not any(term.lower() in entry.msgid.lower() for term in terms)]
        assert len(matched) >= 5
        for entry in matched:
            if "machine" in entry.flags:
                assert entry.msgstr == known[entry.msgid], entry.msgid
    assert "Reserve una recogida de residuos voluminosos" in "".join(
        path.read_text(encoding="utf-8") for path in (project / "site" / "es").rglob("*.html"))
    assert "segment(s) sent to an engine" in built.stderr

    # Nothing new to translate: the memory is enough, and no server needs to be there.
    before = (project / "translations" / "es.po").read_bytes()
    config = project / "mkdocs.yml"
    closed = f"http://127.0.0.1:{free_port()}"
    config.write_text(config.read_text(encoding="utf-8").replace(server.url, closed), encoding="utf-8")
    again = build(project)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "0 segment(s) sent to an engine" in again.stderr
    assert polib.pofile(str(project / "translations" / "es.po")).translated_entries() is not None
    assert [e.msgstr for e in polib.pofile(before.decode())] == [
        e.msgstr for e in polib.pofile(str(project / "translations" / "es.po"))]


def test_a_server_that_is_down_stops_the_build_naming_it_and_saves_nothing(sample_project_copier, tmp_path):
    closed = f"http://127.0.0.1:{free_port()}"
    project = sample_with_libretranslate(sample_project_copier, tmp_path / "project", closed,
                                         "        retries: 1\n")
    built = build(project)
    assert built.returncode == 1
    assert f"Cannot reach the LibreTranslate server at {closed} (2 tries): nothing is listening there" in built.stderr
    assert "correct 'url' under mkdocs.yml, plugins: plainpath/i18n: libretranslate:" in built.stderr
    assert "Traceback" not in built.stderr
    assert not (project / "translations" / "es.po").exists()
    assert not (project / "translations" / "ar.po").exists()


def test_a_missing_url_is_named_in_mkdocs_yml(sample_project_copier, tmp_path):
    project = sample_with_libretranslate(sample_project_copier, tmp_path / "project", "x")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      libretranslate:\n        url: x\n", ""),
                      encoding="utf-8")
    built = build(project)
    assert built.returncode == 1
    assert "language 'es': it asks for the 'libretranslate' engine, but no server is set" in built.stderr


class FaultyProxy:
    """Forwards to the real server, after answering the first ``fail`` translate requests with
    503 and delaying each by ``delay`` seconds; counts the translate requests it saw."""

    def __init__(self, upstream: str, fail: int = 0, delay: float = 0.0) -> None:
        self.upstream, self.fail, self.delay, self.seen = upstream, fail, delay, 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _forward(self, method: str) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) if method == "POST" else None
                if self.path.startswith("/translate"):
                    proxy.seen += 1
                    time.sleep(proxy.delay)
                    if proxy.seen <= proxy.fail:
                        self._answer(503, json.dumps({"error": "Service temporarily overloaded"}).encode())
                        return
                request = urllib.request.Request(proxy.upstream + self.path, data=body, method=method,
                                                 headers={"Content-Type": self.headers.get("Content-Type", "")})
                try:
                    with urllib.request.urlopen(request, timeout=60) as answer:
                        self._answer(answer.status, answer.read())
                except urllib.error.HTTPError as refused:
                    self._answer(refused.code, refused.read())
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _answer(self, status: int, data: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self):
                self._forward("GET")

            def do_POST(self):
                self._forward("POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_an_overloaded_server_is_retried_until_it_answers(server):
    proxy = FaultyProxy(server.url, fail=2)
    try:
        engine = engine_for(proxy.url, retries=3)
        pairs = corpus("es")[:5]
        assert engine.translate_batch([english for english, _ in pairs], "en", "es") == [t for _, t in pairs]
        assert proxy.seen == 3  # two 503s, then the real answer
    finally:
        proxy.close()


def test_a_server_still_failing_after_the_retries_is_reported_with_its_words(server):
    proxy = FaultyProxy(server.url, fail=10)
    try:
        engine = engine_for(proxy.url, retries=2)
        with pytest.raises(EngineError) as failure:
            engine.translate_batch(["Pay the fee."], "en", "es")
        assert proxy.seen == 3
        message = str(failure.value)
        assert "the server failed (HTTP 503: \"Service temporarily overloaded\"), still after 2 retries" in message
        assert "Its log says why" in message
    finally:
        proxy.close()


def test_a_server_too_slow_for_the_timeout_says_what_to_change(server):
    proxy = FaultyProxy(server.url, delay=3.0)
    try:
        engine = engine_for(proxy.url, timeout=1, retries=1)
        with pytest.raises(EngineError) as failure:
            engine.translate_batch(["Pay the fee."], "en", "es")
        assert proxy.seen == 2
        message = str(failure.value)
        assert f"The LibreTranslate server at {proxy.url} did not answer within 1 s (2 tries)" in message
        assert "raise 'timeout' or lower 'batch_size'" in message
    finally:
        proxy.close()


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    """A second real server with the limits and key rules a shared council server would have."""
    home = tmp_path_factory.mktemp("libretranslate-strict")
    running = start_server(
        home, ("es",), "--batch-limit", "4", "--char-limit", "120", "--api-keys",
        "--api-keys-db-path", str(home / "api_keys.db"), "--require-api-key-secret",
    )
    yield running
    running.stop()


def test_batches_over_the_servers_limit_are_split_and_keys_come_from_the_environment(strict_server):
    key = add_api_key(strict_server)
    engine = engine_for(strict_server.url, api_key=key, batch_size=32)
    pairs = [(english, spanish) for english, spanish in corpus("es") if len(english) <= 120][:20]
    assert engine.translate_batch([english for english, _ in pairs], "en", "es") == [t for _, t in pairs]


def test_a_segment_longer_than_the_servers_limit_names_the_setting(strict_server):
    key = add_api_key(strict_server)
    engine = engine_for(strict_server.url, api_key=key)
    with pytest.raises(EngineError, match=r"one segment is longer than the server allows.*raise --char-limit"):
        engine.translate_batch(["Pay the fee. " * 20], "en", "es")


@pytest.mark.parametrize("key", [None, "not-a-key"])
def test_a_missing_or_wrong_api_key_says_which_variable_to_set(strict_server, key):
    engine = engine_for(strict_server.url, api_key=key)
    with pytest.raises(EngineError) as failure:
        engine.translate_batch(["Pay the fee."], "en", "es")
    message = str(failure.value)
    assert "set the environment variable LIBRETRANSLATE_API_KEY" in message
    assert ("$LIBRETRANSLATE_API_KEY is empty" if key is None
            else "it does not accept the key in $LIBRETRANSLATE_API_KEY") in message
    assert "not-a-key" not in message  # a key is never printed


def test_an_address_that_is_not_a_web_address_is_refused_with_the_option_named(sample_project_copier, tmp_path):
    project = sample_with_libretranslate(sample_project_copier, tmp_path / "project", "ftp://127.0.0.1:5000")
    built = build(project)
    assert built.returncode == 1
    assert "option 'libretranslate': Sub-option 'url': 'ftp://127.0.0.1:5000' is not a web address" in built.stderr


def test_an_empty_address_from_an_unset_environment_variable_means_no_server(sample_project_copier, tmp_path):
    """README: url: !ENV [PLAINPATH_LIBRETRANSLATE_URL, ""]; unset, no language may use the engine."""
    project = sample_project_copier(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      translations_dir: translations\n",
        "      translations_dir: translations\n      libretranslate:\n        url: !ENV [PLAINPATH_NO_SUCH_VARIABLE, \"\"]\n"),
        encoding="utf-8")
    assert build(project).returncode == 0
    used = sample_with_libretranslate(sample_project_copier, tmp_path / "used", "x")
    config = used / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("url: x", 'url: !ENV [PLAINPATH_NO_SUCH_VARIABLE, ""]'),
                      encoding="utf-8")
    built = build(used)
    assert built.returncode == 1 and "it asks for the 'libretranslate' engine, but no server is set" in built.stderr

