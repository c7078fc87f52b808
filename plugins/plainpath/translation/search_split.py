"""One search index per language, so a Spanish reader searches Spanish pages with a Spanish stemmer.

mkdocs-material builds one index for the whole site (it supports one language per project). After
it has written ``search/search_index.json``, each language's documents move to
``<code>/search/search_index.json`` with locations relative to ``<code>/`` and that language's
lunr stemmer where Material ships one; pages in that language point the search at their folder
(``pp_search_base`` in the theme). The English index keeps only English pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import material

LUNR_LANGUAGES = {
    path.name.split(".")[1]
    for path in (Path(material.__file__).parent / "templates/assets/javascripts/lunr/min").glob("lunr.*.min.js")
} - {"multi", "stemmer"}


def split_search_index(site_dir: Path, codes: Iterable[str]) -> dict[str, int]:
    """Write an index per language and an English-only root index; returns documents per index."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return {}
    index = json.loads(index_path.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    remaining = index["docs"]
    for code in codes:
        prefix = f"{code}/"
        mine = [doc for doc in remaining if doc["location"].startswith(prefix)]
        remaining = [doc for doc in remaining if not doc["location"].startswith(prefix)]
        config = dict(index["config"])
        if code in LUNR_LANGUAGES:
            config["lang"] = [code]
        else:  # no stemmer for this language: an English one would only do harm
            config["lang"], config["pipeline"] = ["en"], ["trimmer"]
        docs = [{**doc, "location": doc["location"][len(prefix):]} for doc in mine]
        _write(site_dir / code / "search" / "search_index.json", {**index, "config": config, "docs": docs})
        counts[code] = len(docs)
    _write(index_path, {**index, "docs": remaining})
    counts["en"] = len(remaining)
    return counts


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
