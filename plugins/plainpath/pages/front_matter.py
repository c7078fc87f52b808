"""The front matter a content page must have, and the check that names the line to fix."""

from __future__ import annotations

import datetime
import functools
from typing import Any

import yaml

from mkdocs.utils.meta import get_data

from plainpath.errors import EditorError, SourceLocation, raise_all
from plainpath.located_yaml import LocatedDocument, load_located_yaml
from plainpath.safety.plain_text import plain_text_errors
from plainpath.schema_errors import validate_located

KIND = "page"

FRONT_MATTER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["title", "summary", "service", "owner", "last_reviewed"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "summary": {"type": "string", "minLength": 1},
        "service": {"type": "string", "minLength": 1},
        "owner": {"type": "string", "minLength": 1},
        "last_reviewed": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "flows": {"type": "array", "items": {"type": "string"}},
        "related": {"type": "array", "maxItems": 8, "items": {"type": "string", "pattern": r"^[^\s:]+\.md$"}},
        "partners": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "what", "link"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "what": {"type": "string", "minLength": 1},
                    "link": {"type": "string", "pattern": r"^https://[^\s\"'<>\\]+$"},
                },
            },
        },
        "readability_exceptions": {"type": "array"},
        "hide": {"type": "array"},
    },
}


def markdown_and_meta(source: str) -> tuple[str, dict]:
    """MkDocs' own reading of a page (body, meta), read once per distinct text: navigation
    titles need every page's meta, and the preview reads the site again on every save."""
    markdown, meta = _get_data(source)
    return markdown, dict(meta)


@functools.lru_cache(maxsize=32768)
def _get_data(source: str) -> tuple[str, dict]:
    return get_data(source)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: the same text, five times faster


def front_matter_block(meta: dict) -> str:
    """The ``---`` block of a generated page, written by the YAML library so a title with quotes
    or a colon stays one value; the same text as ``yaml.safe_dump``."""
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def split_front_matter(source: str) -> tuple[str, int] | None:
    """The YAML between the opening ``---`` lines and the file line it starts on, if any."""
    lines = source.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:number]), 2
    return None


def split_body(source: str) -> tuple[str, int]:
    """A page's Markdown after its front matter, and the file line that body starts on."""
    found = split_front_matter(source)
    if found is None:
        return source, 1
    text, first = found
    body_start = first + len(text.split("\n")) + 1 if text else first + 1
    return "\n".join(source.split("\n")[body_start - 1 :]), body_start


def load_front_matter(source: str, display_path: str) -> LocatedDocument:
    """Parse a page's front matter with positions; a page without any is an error."""
    found = split_front_matter(source)
    if found is None:
        raise EditorError(
            KIND,
            SourceLocation(display_path, 1, 1),
            "the page has no front matter.",
            "Start the file with a '---' line, the keys title, summary, service, owner and "
            "last_reviewed, and another '---' line.",
        )
    text, first_line = found
    return load_located_yaml(text, display_path, KIND, first_line)


def check_front_matter(source: str, display_path: str) -> dict[str, Any]:
    """Validate a page's front matter and return it; errors name the line and the fix."""
    document = load_front_matter(source, display_path)
    data = _dates_as_text(document.data if document.data is not None else {})
    if not isinstance(data, dict):
        raise EditorError(KIND, SourceLocation(display_path, 2, 1), "the front matter is not a block of keys.", "Write one 'key: value' per line.")
    raise_all(validate_located(document, data, FRONT_MATTER_SCHEMA, KIND))
    raise_all(plain_text_errors(document, KIND))
    return data


def _dates_as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
