"""Errors an editor can fix, in one shape: file, line, column, what is wrong, what to do.

Editors are not programmers. Every problem in their files is reported as
``Error in <kind> '<file>', line L, column C: <what is wrong>. <what to do>`` so that the
message alone is enough to find and fix it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class SourceLocation:
    """Where something is in an editor's file; line and column count from 1."""

    path: str
    line: int | None = None
    column: int | None = None

    def prefix(self) -> str:
        """``file:line:col:`` as compilers print it, leaving out what is not known (never 0)."""
        known = [self.path] + ([str(self.line)] if self.line else []) + (
            [str(self.column)] if self.line and self.column else [])
        return ":".join(known) + ":"

    def unsaid(self, message: str) -> str:
        """``message`` without the place its ``file:line:col:`` prefix already gives:
        "Error in flow file 'flows/x.yml', line 3: ..." -> "Error in flow file: ..."."""
        place = re.escape(f"'{self.path}'") + r"(?:, line \d+)?(?:, column \d+)?"
        said = re.match(rf"(Error|Warning|Notice)(?: in((?: [a-zA-Z]+)*?))? {place}(?=[:{{( ])", message)
        if not said:
            return message
        kind = f"{said.group(1)} in{said.group(2)}" if said.group(2) else said.group(1)
        return kind + message[said.end():]

    def describe(self) -> str:
        """Say where this is, the way an editor reads it: ``'flows/x.yml', line 3, column 5``."""
        text = f"'{self.path}'"
        if self.line is not None:
            text += f", line {self.line}"
            if self.column is not None:
                text += f", column {self.column}"
        return text


class EditorError(PluginError):
    """A problem in an editor's file that stops the build; the message says where and what to do."""

    def __init__(self, kind: str, where: SourceLocation, problem: str, fix: str = "") -> None:
        self.kind = kind
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(format_problem(kind, where, problem, fix))


class EditorErrors(PluginError):
    """Several editor errors found in one pass, reported together so editors fix them in one go."""

    def __init__(self, errors: list[EditorError]) -> None:
        self.errors = errors
        super().__init__("\n".join(error.message for error in errors))


# Where notices go while ``plainpath check`` or the preview collects them (a list per run).
_notice_sink: ContextVar[list | None] = ContextVar("plainpath_notice_sink", default=None)


def log_notice(logger, text: str, where: SourceLocation) -> None:
    """Say what a person must act on that must not stop the build: an INFO line in the
    build's log, a warning at ``where`` in ``plainpath check`` and the preview."""
    logger.info(f"{where.describe()}: {text}")
    sink = _notice_sink.get()
    if sink is not None:
        sink.append((where, text))


@contextmanager
def collected_notices():
    """Collect what ``log_notice`` says inside the block, as ``(where, text)`` pairs."""
    sink: list = []
    token = _notice_sink.set(sink)
    try:
        yield sink
    finally:
        _notice_sink.reset(token)


def format_problem(
    kind: str, where: SourceLocation, problem: str, fix: str = "", severity: str = "Error"
) -> str:
    """Build the one-line message used for errors and warnings alike."""
    message = f"{severity} in {kind} {where.describe()}: {problem}"
    return f"{message} {fix}".strip() if fix else message


def closest_name(wrong: str, candidates: Iterable[str]) -> str | None:
    """The known name closest to ``wrong``, or None when no name is close."""
    matches = difflib.get_close_matches(wrong, sorted(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def closest_page(wanted: str, pages: Iterable[str], itself: str | None = None) -> str | None:
    """The page an editor most likely meant by the missing ``wanted`` ("parking/aply.md"): the
    closest file name, in the same folder first, never the page the link is written on. Whole
    paths compared alike made "parking/book.md" look like "parking/index.md"."""
    def stem(path: str) -> str:
        return path.rsplit("/", 1)[-1].removesuffix(".md")

    folder = wanted.rsplit("/", 1)[0] if "/" in wanted else ""
    candidates = [page for page in sorted(pages) if page != itself]
    scored = [(difflib.SequenceMatcher(None, stem(wanted), stem(page)).ratio(), page) for page in candidates]
    close = [(score, (page.rsplit("/", 1)[0] if "/" in page else "") == folder, page)
             for score, page in scored if score >= 0.75]
    return max(close, key=lambda item: (item[0], item[1]))[2] if close else None


def did_you_mean_page(wanted: str, pages: Iterable[str], itself: str | None = None) -> str:
    match = closest_page(wanted, pages, itself)
    return f"Did you mean '{match}'?" if match else ""


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """Suggest the closest known name, or nothing when no name is close."""
    match = closest_name(wrong, candidates)
    return f"Did you mean '{match}'?" if match else ""


def raise_all(errors: list[EditorError]) -> None:
    """Raise the errors found, one alone as itself, several as one combined error."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise EditorErrors(errors)
