"""Apertium, Debian's rule-based translator: any English text, offline, modest quality.

Some languages are reached through Spanish (English -> Spanish -> Portuguese). A whole batch goes
through one pipeline of processes in one call, each segment wrapped in its own ``<div>`` so the
HTML format keeps segments and our inline tags apart.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from functools import lru_cache

from lxml import html as lxml_html

from plainpath.translation import apertium_overlay, apertium_preparation
from plainpath.translation.engine import EngineError, Provenance

# Mode chains from English, and the Debian package that holds each mode.
CHAINS: dict[str, list[tuple[str, str]]] = {
    "es": [("eng-spa", "apertium-eng-spa")],
    "ca": [("eng-cat", "apertium-eng-cat")],
    "gl": [("en-gl", "apertium-en-gl")],
    "pt": [("eng-spa", "apertium-eng-spa"), ("es-pt", "apertium-es-pt")],
    "fr": [("eng-spa", "apertium-eng-spa"), ("es-fr", "apertium-fr-es")],
}
# The council overlay (apertium_overlay.py) each language's chain runs a mode with. French and
# Portuguese get only the Spanish words their own pairs carry over.
OVERLAYS: dict[tuple[str, str], str] = {
    ("es", "eng-spa"): "eng-spa",
    ("pt", "eng-spa"): "eng-spa-carried",
    ("fr", "eng-spa"): "eng-spa-carried",
    ("ca", "eng-cat"): "eng-cat",
}
# Back to English, for the round-trip meaning check (Portuguese and French through Spanish).
BACK_CHAINS: dict[str, list[str]] = {
    "es": ["spa-eng"], "ca": ["cat-eng"], "pt": ["pt-es", "spa-eng"], "fr": ["fr-es", "spa-eng"],
}
BATCH = 200


@lru_cache(maxsize=1)
def installed_modes() -> frozenset[str]:
    """Modes ``apertium -l`` lists; empty when Apertium is not installed."""
    if shutil.which("apertium") is None:
        return frozenset()
    listing = subprocess.run(["apertium", "-l"], capture_output=True, text=True, check=False)
    return frozenset(listing.stdout.split())


@lru_cache(maxsize=None)
def package_version(package: str) -> str:
    """The Debian version of a language-data package, for the provenance comment."""
    query = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=False
    )
    return query.stdout.strip() or "unknown"


class ApertiumEngine:
    """English to the languages in CHAINS, through ``apertium -u -f html``."""

    name = "apertium"
    supports_markup = True
    runs_in_own_process = True  # languages may translate in parallel threads (site_translation)
    local_version = True  # its packages' and its preparation's versions: text from older ones is redone

    def can_serve(self, source: str, target: str) -> bool:
        chain = CHAINS.get(target)
        return source == "en" and chain is not None and all(
            mode in installed_modes() for mode, _ in chain
        )

    def provenance(self, source: str, target: str) -> Provenance:
        chain = CHAINS[target]
        model = "+".join(mode for mode, _ in chain)
        version = "+".join(package_version(package) for _, package in chain)
        overlays = [apertium_overlay.digest(OVERLAYS[target, mode], mode)
                    for mode, _ in chain if (target, mode) in OVERLAYS]
        council = "".join(f"+council-{key}" for key in overlays if key)
        return Provenance(self.name, model, f"{version}+{apertium_preparation.VERSION}{council}")

    def translate_batch(
        self,
        segments: list[str],
        source: str,
        target: str,
        on_progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        if not self.can_serve(source, target):
            raise EngineError(
                f"Apertium cannot translate {source} to {target} on this machine. Install it with "
                f"'apt-get install -y apertium {' '.join(p for _, p in CHAINS.get(target, []))}'."
            )
        results: list[str] = []
        for start in range(0, len(segments), BATCH):
            results += self._run(segments[start : start + BATCH], target)
            if on_progress:
                on_progress(len(results))
        return results

    def _run(self, segments: list[str], target: str) -> list[str]:
        prepared = apertium_preparation.prepare(segments, target)
        done = run_chain([p.text for p in prepared], [mode for mode, _ in CHAINS[target]], target)
        return apertium_preparation.finish_all(done, prepared, target)


def back_to_english(segments: list[str], lang: str) -> list[str] | None:
    """``segments`` of ``lang`` translated back to English, or None when no chain is installed."""
    chain = BACK_CHAINS.get(lang)
    if not chain or not all(mode in installed_modes() for mode in chain):
        return None
    return [text for start in range(0, len(segments), BATCH) for text in run_chain(segments[start:start + BATCH], chain)]


def run_chain(segments: list[str], modes: list[str], target: str | None = None) -> list[str]:
    """Segments through Apertium modes in turn, as one HTML document (one process per mode),
    each mode with the council overlay ``target``'s chain has for it."""
    document = "".join(f'<div id="s{n}">{text}</div>\n' for n, text in enumerate(segments))
    for mode in modes:
        document = _through(mode, OVERLAYS.get((target, mode)), document)
    return _split(document, len(segments))


_RECENT_STEPS = 64
_steps: OrderedDict[tuple[str, str | None, str], Future] = OrderedDict()
_steps_lock = threading.Lock()


def _through(mode: str, overlay: str | None, document: str) -> str:
    """One Apertium mode over a document. The same document through the same mode and overlay
    runs once, from any thread: Portuguese and French both start with English -> Spanish, and a
    save in the preview translates the same new sentence for every language at once."""
    key = (mode, overlay, document)
    with _steps_lock:
        future = _steps.get(key)
        mine = future is None
        if mine:
            future = _steps[key] = Future()
            while len(_steps) > _RECENT_STEPS:
                _steps.popitem(last=False)
    if mine:
        try:
            future.set_result(_run_mode(mode, overlay, document))
        except BaseException as error:
            with _steps_lock:
                _steps.pop(key, None)  # a failure is not remembered
            future.set_exception(error)
    return future.result()


def _run_mode(mode: str, overlay: str | None, document: str) -> str:
    directory = apertium_overlay.mode_directory(overlay, mode) if overlay else None
    data = ["-d", str(directory)] if directory else []
    step = subprocess.run(
        ["apertium", *data, "-u", "-f", "html", mode], input=document, capture_output=True, text=True, check=False,
    )
    if step.returncode != 0:
        raise EngineError(f"Apertium mode '{mode}' failed: {step.stderr.strip()[:300]}")
    return step.stdout


def _split(document: str, count: int) -> list[str]:
    tree = lxml_html.fragment_fromstring(document, create_parent="body")
    found: dict[str, str] = {}
    for div in tree.iter("div"):
        inner = html.escape(div.text or "", quote=False) + "".join(
            lxml_html.tostring(child, encoding="unicode") for child in div
        )
        found[div.get("id", "")] = inner
    if len(found) != count:
        raise EngineError(f"Apertium returned {len(found)} segments for {count}.")
    return [" ".join(found[f"s{n}"].split()) for n in range(count)]
