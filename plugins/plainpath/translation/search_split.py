"""One search index per language, so a Spanish reader searches Spanish pages with a Spanish stemmer.

mkdocs-material builds one index for the whole site (it supports one language per project). After
it has written ``search/search_index.json``, each language's documents move to
``<code>/search/search_index.json`` with locations relative to ``<code>/`` and that language's
lunr stemmer where Material ships one; pages in that language point the search at their folder
(``pp_search_base`` in the theme). The English index keeps only English pages.

Each index has one document per page: its title, the start of its text and its headings.
mkdocs-material's own index holds every section's full text, 2 MB per language at 1,000 pages,
downloaded on a resident's first search; residents search for a service by its name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import material

LUNR_LANGUAGES = {
    path.name.split(".")[1]
    for path in (Path(material.__file__).parent / "templates/assets/javascripts/lunr/min").glob("lunr.*.min.js")
} - {"multi", "stemmer"}


def split_search_index(site_dir: Path, codes: Iterable[str],
                       steps_to: Callable[[str], str] = lambda code: "Steps to") -> dict[str, int]:
    """Write an index per language and an English-only root index; returns documents per index.

    A service's guidance page and its step-by-step share a title; in results the step-by-step's
    reads "Steps to: <title>" in the language's words (``steps_to``), so the two are told apart."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return {}
    index = json.loads(index_path.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    remaining = page_documents(index["docs"])
    for code in codes:
        prefix = f"{code}/"
        mine = [doc for doc in remaining if doc["location"].startswith(prefix)]
        remaining = [doc for doc in remaining if not doc["location"].startswith(prefix)]
        config = dict(index["config"])
        if code in LUNR_LANGUAGES:
            config["lang"] = [code]
        else:  # no stemmer for this language: an English one would only do harm
            config["lang"], config["pipeline"] = ["en"], ["trimmer"]
        docs = [_named(code, {**doc, "location": doc["location"][len(prefix):]}, steps_to) for doc in mine]
        _write(site_dir / code / "search" / "search_index.json", {**index, "config": config, "docs": docs})
        counts[code] = len(docs)
    _write(index_path, {**index, "docs": [_named("en", doc, steps_to) for doc in remaining]})
    counts["en"] = len(remaining)
    return counts


FLOW_PAGE = re.compile(r"flows/[^/#]+/")


def _named(code: str, doc: dict, steps_to: Callable[[str], str]) -> dict:
    if FLOW_PAGE.fullmatch(doc["location"]):
        return {**doc, "title": f"{steps_to(code)}: {doc['title']}"}
    return doc


INTRO_CHARACTERS = 240
_TAG = re.compile(r"<[^>]*>")


def page_documents(docs: list[dict]) -> list[dict]:
    """One document per page: title; the page's first words, then its headings."""
    pages: dict[str, dict] = {}
    headings: dict[str, list[str]] = {}
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        if not anchor:
            intro = " ".join(_TAG.sub(" ", doc.get("text", "")).split())
            if len(intro) > INTRO_CHARACTERS:
                intro = intro[:INTRO_CHARACTERS].rsplit(" ", 1)[0] + " …"
            pages[page] = {"location": page, "title": doc.get("title", ""), "text": intro}
            headings.setdefault(page, [])
        else:
            headings.setdefault(page, []).append(_TAG.sub("", doc.get("title", "")))
    for page, doc in pages.items():
        doc["text"] = " ".join([doc["text"], *headings.get(page, [])]).strip()
    return list(pages.values())


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
