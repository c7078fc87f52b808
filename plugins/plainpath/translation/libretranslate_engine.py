"""LibreTranslate: argos models behind an HTTP API, on one server the whole authoring team shares.

A council whose site outgrows one laptop runs LibreTranslate on a CPU or GPU machine; every build
and preview sends it only what the translation memory does not know yet. Segments go as lists
(``q``), ``batch_size`` at a time, each request with a timeout. Connection failures, timeouts, 429
and 5xx answers are retried with growing pauses, or after the server's ``Retry-After`` (waited at
most ``LONGEST_RETRY_AFTER_SECONDS``); a batch the server says is over its limit is split in half. Every failure names the server, the setting in mkdocs.yml and what to do,
and stops the build: a translation that did not happen is never published as if it had.

The server is trusted with the English it is sent, not with the build: a whole request (every
retry included) ends by a deadline however slowly the answer trickles in, the answer is read only
up to a size its question explains, and a translation far longer than its English is refused.

Asking whether the server offers a language costs one ``GET /languages`` per server and build. A
server that does not answer is not judged then: a build with nothing new to translate needs no
server, and one that has new text says why it cannot reach it.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import urllib3
from urllib3.exceptions import HTTPError, MaxRetryError, ReadTimeoutError

from plainpath.translation.engine import EngineError, Provenance

SETTING = "mkdocs.yml, plugins: plainpath/i18n: libretranslate:"
RETRY_STATUSES = (429, 500, 502, 503, 504)
PROBE_TIMEOUT_SECONDS = 5.0  # to connect; an answer may take as long as 'timeout' on a busy server
PROBE_AGAIN_SECONDS = 60.0
LONGEST_RETRY_AFTER_SECONDS = 30.0  # "Retry-After: 100000" must not hold a build for a day
ANSWER_BYTES_BASE = 64 * 1024  # what an answer may hold beyond LONGEST_ANSWER_PER_BYTE per byte asked
LONGEST_ANSWER_PER_BYTE = 16  # JSON escapes (\u0627 is six bytes) and longer words in most languages


@dataclass(frozen=True)
class LibreTranslateSettings:
    """Where the server is and how patiently to ask it (``libretranslate:`` in mkdocs.yml)."""

    url: str
    api_key: str | None = field(default=None, repr=False)  # read from the environment, never from mkdocs.yml
    api_key_env: str = "LIBRETRANSLATE_API_KEY"
    timeout: float = 120.0  # seconds for one batch's answer
    retries: int = 3
    batch_size: int = 32

    @property
    def base(self) -> str:
        return self.url.rstrip("/")

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc or self.url


@dataclass
class ServerFacts:
    """What the server says about itself: language pairs, per-text limit, version."""

    targets: dict[str, frozenset[str]]
    char_limit: int = -1
    version: str = "unknown"


class LibreTranslateServer:
    """One server's connection pool and what it told us; shared by every language's engine."""

    def __init__(self, settings: LibreTranslateSettings) -> None:
        self.settings = settings
        # Languages translate in parallel threads, each with a connection of its own.
        self.pool = urllib3.PoolManager(maxsize=8, headers={"User-Agent": "plainpath"})
        self._facts: ServerFacts | None = None
        self.unreachable: str | None = None  # why the last probe failed
        self._failed_at = -PROBE_AGAIN_SECONDS  # a host that drops packets is not waited for per language
        self._lock = threading.Lock()

    def facts(self, patient: bool = False) -> ServerFacts | None:
        """The server's languages and limits, asked once; None when it did not answer.

        Asking whether a language is offered is quick (one retry, and a failure is remembered
        for a minute, so a build's languages do not each wait on a silent host); before text is
        sent, a server that did not answer is asked again with every retry, as a translation
        request would be.
        """
        with self._lock:
            if self._facts is not None:
                return self._facts
            if not patient and time.monotonic() - self._failed_at < PROBE_AGAIN_SECONDS:
                return None
            tries = self.settings.retries + 1 if patient else 2
            try:
                languages = _targets(self._get("/languages", tries), self.settings)
                settings = self._get("/frontend/settings", tries, required=False)
                spec = self._get("/spec", tries, required=False)
            except EngineError as error:
                self.unreachable, self._failed_at = str(error), time.monotonic()
                return None
            settings = settings if isinstance(settings, dict) else {}
            info = spec.get("info") if isinstance(spec, dict) else None
            self.unreachable = None
            self._facts = ServerFacts(
                targets=languages, char_limit=_int(settings.get("charLimit"), -1),
                version=str(info.get("version") or "unknown") if isinstance(info, dict) else "unknown",
            )
            return self._facts

    def _get(self, path: str, tries: int, required: bool = True):
        response = self._bounded("GET", path, None, tries, connect=PROBE_TIMEOUT_SECONDS)
        if response.status != 200:
            if not required:
                return None
            raise EngineError(
                f"The LibreTranslate server at {self.settings.base} answered {path} with HTTP "
                f"{response.status}. Check that 'url' under {SETTING} is the server's address."
            )
        try:
            return json.loads(response.data)
        except ValueError as error:
            if not required:
                return None
            raise EngineError(
                f"{self.settings.base}{path} did not answer like a LibreTranslate server (no JSON). "
                f"Check that 'url' under {SETTING} is the server's address."
            ) from error

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """One ``POST /translate`` with retries; a batch over the server's limit is halved."""
        body = {"q": texts, "source": source, "target": target, "format": "text"}
        if self.settings.api_key:
            body["api_key"] = self.settings.api_key
        question = json.dumps(body).encode("utf-8")
        response = self._bounded("POST", "/translate", question, self.settings.retries + 1)
        if response.status == 400 and "exceeds text limit" in _error_text(response) and len(texts) > 1:
            half = len(texts) // 2
            return self.translate(texts[:half], source, target) + self.translate(texts[half:], source, target)
        if response.status != 200:
            raise EngineError(self.refusal_message(response, source, target, len(texts)))
        try:
            translated = json.loads(response.data)["translatedText"]
        except (ValueError, KeyError, TypeError) as error:
            raise EngineError(
                f"The LibreTranslate server at {self.settings.base} answered /translate without "
                f"'translatedText'. Check that 'url' under {SETTING} is a LibreTranslate server."
            ) from error
        if not isinstance(translated, list) or len(translated) != len(texts) or not all(
            isinstance(text, str) for text in translated
        ):
            raise EngineError(
                f"The LibreTranslate server at {self.settings.base} returned "
                f"{len(translated) if isinstance(translated, list) else 'no list of'} translations "
                f"for {len(texts)} texts. It may be older than 1.3 (lists in 'q'); upgrade it."
            )
        for english, text in zip(texts, translated):
            if len(text) > 200 + 10 * len(english):
                raise EngineError(
                    f"The LibreTranslate server at {self.settings.base} answered {len(text):,} characters "
                    f"for a segment of {len(english)} (\"{english[:60]}\"): that is not a translation. "
                    "Nothing from this answer was kept; ask the server's operator to look at its log."
                )
        return translated

    def _bounded(self, method: str, path: str, question: bytes | None, tries: int,
                 connect: float | None = None) -> _Answer:
        """One request with retries, over within a deadline whatever the server does.

        urllib3's timeouts bound each read, not the whole answer: a server that sends a byte every
        few seconds is never "timed out". The request runs in a worker thread the build stops
        waiting for at the deadline; the worker itself stops reading at the deadline or once the
        answer is larger than its question explains."""
        allowed = self.settings.timeout * tries + (tries - 1) * LONGEST_RETRY_AFTER_SECONDS
        deadline = time.monotonic() + allowed
        limit = ANSWER_BYTES_BASE + LONGEST_ANSWER_PER_BYTE * len(question or b"")
        answers: queue.Queue = queue.Queue()

        def ask() -> None:
            """Each try reads its answer within the limits (urllib3's own status retries would
            read a refused answer whole first); a 429 or 5xx is tried again after Retry-After
            (at most LONGEST_RETRY_AFTER_SECONDS) or a growing pause."""
            for attempt in range(tries):
                last = attempt == tries - 1
                try:
                    answer = self._read_within(method, path, question, connect, deadline, limit)
                except (MaxRetryError, HTTPError) as error:  # refused, reset, timed out: try again
                    if last:
                        answers.put(error)
                        return
                    asked = None
                except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
                    answers.put(error)
                    return
                else:
                    if last or not isinstance(answer, _Answer) or answer.status not in RETRY_STATUSES:
                        answers.put(answer)
                        return
                    asked = answer.retry_after
                pause = asked if asked is not None else 0.5 * 2 ** attempt
                time.sleep(max(0.0, min(pause, LONGEST_RETRY_AFTER_SECONDS, deadline - time.monotonic())))

        threading.Thread(target=ask, daemon=True, name="plainpath-libretranslate").start()
        try:
            answer = answers.get(timeout=allowed + 1.0)
        except queue.Empty:
            answer = _TooSlow()
        if isinstance(answer, _TooSlow):
            raise EngineError(
                f"The LibreTranslate server at {self.settings.base} did not finish answering {path} "
                f"within {allowed:g} s ('timeout' {self.settings.timeout:g} s for each of {tries} tries). "
                f"It may be overloaded: raise 'timeout' or lower 'batch_size' under {SETTING}, or ask "
                "its operator to look at its log."
            )
        if isinstance(answer, _TooLarge):
            raise EngineError(
                f"The LibreTranslate server at {self.settings.base} sent an answer to {path} larger "
                f"than {limit:,} bytes for a question of {len(question or b''):,}: that is not a "
                "translation. Nothing from it was kept; ask the server's operator to look at its log."
            )
        if isinstance(answer, (MaxRetryError, HTTPError)):
            raise EngineError(self.unreachable_message(answer, tries, self.settings.timeout)) from answer
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def _read_within(self, method: str, path: str, question: bytes | None,
                     connect: float | None, deadline: float, limit: int):
        response = self.pool.request(
            method, self.settings.base + path, body=question, preload_content=False,
            headers={"Content-Type": "application/json"} if question is not None else None,
            timeout=urllib3.Timeout(connect=connect or min(10.0, self.settings.timeout), read=self.settings.timeout),
            retries=urllib3.Retry(total=0, redirect=0, raise_on_status=False),  # tries are ask()'s
        )
        received = bytearray()
        try:
            while chunk := response.read1(65536):
                received += chunk
                if len(received) > limit:
                    return _TooLarge()
                if time.monotonic() > deadline:
                    return _TooSlow()
            return _Answer(response.status, bytes(received), urllib3.Retry(0).get_retry_after(response))
        finally:
            if len(received) <= limit and time.monotonic() <= deadline:
                response.release_conn()  # read to the end: the connection serves the next batch
            else:
                response.close()  # a flood or a trickle: never reused


    def unreachable_message(self, error: Exception, tries: int, timeout: float) -> str:
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, ReadTimeoutError):
            return (
                f"The LibreTranslate server at {self.settings.base} did not answer within {timeout:g} s "
                f"({tries} tries). It may be busy or too slow for {self.settings.batch_size} segments at "
                f"a time: raise 'timeout' or lower 'batch_size' under {SETTING}, or give the server more "
                "threads (libretranslate --threads)."
            )
        return (
            f"Cannot reach the LibreTranslate server at {self.settings.base} ({tries} tries): "
            f"{_plain_reason(reason)}. Start the server (see README, 'LibreTranslate'), or correct "
            f"'url' under {SETTING}."
        )

    def refusal_message(self, response, source: str, target: str, count: int) -> str:
        said = _error_text(response)
        where = f"The LibreTranslate server at {self.settings.base} refused to translate {source} to {target}"
        if "too many request limits violations" in said.lower():
            return (f"{where}: it has banned this machine for now (\"{said}\") after too many requests "
                    "over its limit. Ask its operator to lift the ban and to raise the team's limit (below).")
        if response.status in (401, 403) or "api key" in said.lower():
            key = self.settings.api_key_env
            have = f"it does not accept the key in ${key}" if self.settings.api_key else f"${key} is empty"
            return (f"{where}: \"{said}\". It needs an API key, and {have}. Ask the server's "
                    f"operator for a key and set the environment variable {key} to it.")
        if response.status == 429:
            return (f"{where}: too many requests (\"{said}\"), still after {self.settings.retries} "
                    f"retries. LibreTranslate counts each segment of a request as one request, so "
                    f"{self.settings.batch_size} segments a request use up a limit quickly: ask its operator "
                    "to raise the team's limit per minute (--req-limit, or the key's limit in ltmanage), "
                    "lower 'batch_size', or run fewer builds at once.")
        if "not supported" in said or "not available" in said:
            return (f"{where}: \"{said}\". Load the language on the server (libretranslate "
                    f"--load-only {source},{target}, with the argos model installed there), or choose "
                    "another engine for it in mkdocs.yml.")
        if "exceeds text limit" in said:
            return (f"{where}: one segment is longer than the server allows (\"{said}\"). Ask its "
                    "operator to raise --char-limit, or split the long paragraph in the page.")
        if response.status >= 500:
            return (f"{where}: the server failed (HTTP {response.status}: \"{said}\"), still after "
                    f"{self.settings.retries} retries. Its log says why; the build translated nothing "
                    f"of these {count} segments.")
        return f"{where}: HTTP {response.status}, \"{said}\"."


@dataclass(frozen=True)
class _Answer:
    """A whole answer, read within its limits (``status`` and ``data`` as urllib3's response)."""

    status: int
    data: bytes
    retry_after: float | None = None  # seconds the server asked to wait (Retry-After)


class _TooSlow:
    """The answer was still coming at the deadline."""


class _TooLarge:
    """The answer grew past what its question explains."""


def _error_text(response) -> str:
    """The server's own words: ``{"error": ...}`` from LibreTranslate, else the start of the body."""
    try:
        said = json.loads(response.data).get("error")
        if said:
            return str(said)
    except (ValueError, AttributeError):
        pass
    text = response.data.decode("utf-8", "replace")
    return " ".join(text.split())[:200] or f"HTTP {response.status}"


def _plain_reason(reason) -> str:
    text = str(reason)
    if "Connection refused" in text:
        return "nothing is listening there (connection refused)"
    if "Name or service not known" in text or "nodename nor servname" in text or "Temporary failure in name resolution" in text:
        return "the host name is unknown"
    if "timed out" in text.lower():
        return "the connection timed out"
    return text.split(": ", 1)[-1][:200]


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _targets(languages, settings: LibreTranslateSettings) -> dict[str, frozenset[str]]:
    if not isinstance(languages, list):
        raise EngineError(
            f"{settings.base}/languages did not answer like a LibreTranslate server. Check that 'url' "
            f"under {SETTING} is the server's address."
        )
    return {
        str(entry.get("code")): frozenset(str(code) for code in entry.get("targets", []))
        for entry in languages if isinstance(entry, dict)
    }


_servers: dict[LibreTranslateSettings, LibreTranslateServer] = {}
_servers_lock = threading.Lock()


def shared_server(settings: LibreTranslateSettings) -> LibreTranslateServer:
    """One server object per address and settings, for every language of every build in this process."""
    with _servers_lock:
        if settings not in _servers:
            _servers[settings] = LibreTranslateServer(settings)
        return _servers[settings]


class LibreTranslateEngine:
    """Machine translation by a LibreTranslate server; plain text, our markup is kept by runs."""

    name = "libretranslate"
    supports_markup = False
    runs_in_own_process = True  # the server does the work: languages may wait on it in parallel

    def __init__(self, settings: LibreTranslateSettings) -> None:
        self.settings = settings
        self.server = shared_server(settings)

    def can_serve(self, source: str, target: str) -> bool:
        facts = self.server.facts()
        if facts is None:
            return True  # not judged now: translate_batch says why, if there is anything to send
        return target in facts.targets.get(source, frozenset())

    def why_not(self, source: str, target: str) -> str:
        """For the build's 'no engine' message."""
        return (f"load {source} to {target} on the LibreTranslate server at {self.settings.base} "
                f"(libretranslate --load-only {source},{target}, with that argos model installed there)")

    def provenance(self, source: str, target: str) -> Provenance:
        facts = self.server.facts()
        return Provenance(self.name, f"{source}-{target} at {self.settings.host}",
                          facts.version if facts else "unknown")

    def translate_batch(
        self,
        segments: list[str],
        source: str,
        target: str,
        on_progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        facts = self.server.facts(patient=True)
        if facts is None:
            raise EngineError(self.server.unreachable or f"Cannot reach {self.settings.base}.")
        if target not in facts.targets.get(source, frozenset()):
            raise EngineError(f"The LibreTranslate server at {self.settings.base} does not offer {source} "
                              f"to {target}. To fix it, {self.why_not(source, target)}.")
        results: list[str] = []
        for batch in _batches(segments, self.settings.batch_size, facts.char_limit):
            results += self.server.translate(batch, source, target)
            if on_progress:
                on_progress(len(results))
        return results


def _batches(segments: list[str], size: int, char_limit: int) -> list[list[str]]:
    """At most ``size`` segments a request, and (if the server has a limit) at most that many
    characters in all, for servers that count the whole request; a longer single segment goes
    alone and the server's answer says what to do."""
    batches: list[list[str]] = []
    current: list[str] = []
    characters = 0
    for text in segments:
        over = char_limit > 0 and current and characters + len(text) > char_limit
        if len(current) >= size or over:
            batches.append(current)
            current, characters = [], 0
        current.append(text)
        characters += len(text)
    if current:
        batches.append(current)
    return batches


def settings_from_config(config) -> LibreTranslateSettings | None:
    """The ``libretranslate:`` options, with the API key read from the environment variable they name."""
    if not config.url:
        return None
    return LibreTranslateSettings(
        url=config.url, api_key=os.environ.get(config.api_key_env) or None, api_key_env=config.api_key_env,
        timeout=float(config.timeout), retries=int(config.retries), batch_size=int(config.batch_size),
    )
