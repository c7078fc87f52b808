"""Editor errors from the HTML boundary: which file, which line, what to write instead.

The boundary (``plainpath.safety.html_boundary``) judges rendered HTML, which has no line numbers.
Editors need one, so each refused thing carries a few strings to look for in the source it came
from (a page, a flow, a PO file); the first line holding one is the line we name.
"""

from __future__ import annotations

from collections.abc import Callable

from plainpath.errors import EditorError, SourceLocation, raise_all
from plainpath.safety.html_boundary import HtmlPolicy


def checked_html(
    html: str, policy: HtmlPolicy, kind: str, display_path: str,
    source: Callable[[], str] = lambda: "", fallback_line: int | None = None,
) -> str:
    """``html`` as it may be published; raises the editor errors if the boundary refused anything.

    ``source`` gives the text the HTML came from; it is only read when there is an error to place.
    """
    checked = policy.check(html)
    text = source() if checked.problems else ""
    errors = [
        EditorError(
            kind, SourceLocation(display_path, find_line(text, problem.needles) or fallback_line),
            f"{problem.description}.", problem.fix,
        )
        for problem in checked.problems
    ]
    raise_all(errors)
    return checked.html


def find_line(source: str, needles: tuple[str, ...]) -> int | None:
    """The first line of ``source`` holding one of ``needles`` (tried in order), from 1."""
    lines = source.split("\n")
    for needle in needles:
        wanted = needle.lower().strip()
        if not wanted:
            continue
        for number, text in enumerate(lines):
            if wanted in text.lower():
                return number + 1
    return None
