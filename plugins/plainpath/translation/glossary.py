"""Terms editors control: names never translated, and fixed translations of council terms.

Before a segment goes to an engine, each glossary term in its text becomes a kept placeholder, so
the engine cannot mangle it; afterwards the placeholder becomes the term (or its fixed
translation). The markup check then proves every term came back.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from plainpath.errors import EditorError
from plainpath.located_yaml import load_located_yaml
from plainpath.schema_errors import validate_located
from plainpath.translation.inline_markup import Tagged
from plainpath.translation.runs import map_text_nodes

KIND = "glossary"
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "do_not_translate": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "fixed": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": {"type": "string", "minLength": 1},
            },
        },
    },
}


def term_pattern(term: str) -> str:
    """A term as a regular expression: a term written in lower case also matches at the start
    of a sentence or a title ("court" in "Court hearings"); names match only as written."""
    first = term[0]
    head = f"[{first}{first.upper()}]" if first.islower() else re.escape(first)
    return rf"\b{head}{re.escape(term[1:])}\b"


def with_case_of(written: str, replacement: str) -> str:
    """``replacement`` with a capital where ``written`` has one ("Court" -> "Tribunal")."""
    return replacement[:1].upper() + replacement[1:] if written[:1].isupper() else replacement


@dataclass
class Glossary:
    """Do-not-translate terms and fixed translations (English term -> language -> text)."""

    do_not_translate: list[str] = field(default_factory=list)
    fixed: dict[str, dict[str, str]] = field(default_factory=dict)

    def terms_for(self, lang: str) -> dict[str, str]:
        """English term -> what must appear in ``lang``; longest terms first."""
        terms = {term: term for term in self.do_not_translate}
        terms.update({term: by_lang[lang] for term, by_lang in self.fixed.items() if lang in by_lang})
        return dict(sorted(terms.items(), key=lambda item: -len(item[0])))

    def protect(self, tagged: Tagged, lang: str) -> Tagged:
        """Replace glossary terms in the text (never inside tags) by kept placeholders."""
        terms = self.terms_for(lang)
        if not terms:
            return tagged
        pattern = re.compile("|".join(f"({term_pattern(term)})" for term in terms))
        in_order = list(terms)
        kept = dict(tagged.kept)

        def swap(match: re.Match[str]) -> str:
            ident = f"g{len(kept) + 1}"
            term = in_order[match.lastindex - 1]
            # A term the glossary writes with a capital ("Universal Credit statement") is written as
            # the council gave it; a lower-case one takes the case of the English ("Council tax").
            written = terms[term] if term[:1].isupper() else with_case_of(match.group(), terms[term])
            kept[ident] = ("x", html.unescape(written))
            return f'<x id="{ident}"></x>'

        text = map_text_nodes(tagged.text, lambda node: pattern.sub(swap, node))
        return Tagged(text, kept)


def load_glossary(path: Path, display_path: str) -> Glossary:
    """Read ``translations/glossary.yml``; a missing file is an empty glossary."""
    if not path.exists():
        return Glossary()
    document = load_located_yaml(path.read_text(encoding="utf-8"), display_path, KIND)
    data = document.data or {}
    errors = validate_located(document, data, SCHEMA, KIND)
    if errors:
        raise errors[0]
    if not isinstance(data, dict):
        raise EditorError(KIND, document.locate(()), "the glossary is not a block of keys.")
    return Glossary(data.get("do_not_translate", []), data.get("fixed", {}))
