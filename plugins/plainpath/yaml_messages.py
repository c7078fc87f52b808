"""PyYAML's syntax errors in plain words: what is wrong on which line, and what to type instead.

Editors are not programmers: "mapping values are not allowed here" or "expected <block end>, but
found '?'" tells them nothing. The usual causes are few (a tab, a colon inside text, a line
indented too far or not far enough, a quote never closed), and each can be recognised from the
error and the lines around it. Anything else keeps PyYAML's words with our general advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

GENERAL_FIX = (
    "Check the indentation and that every key ends with a colon. "
    "Put quotes around text that contains a colon."
)
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s:#'\"][^:#]*?):(?:\s+(?P<value>.*))?$")
_INDENTATION_PROBLEMS = ("expected <block end>", "did not find expected key", "did not find expected '-'")


@dataclass(frozen=True)
class PlainMessage:
    """Where (0-based line and column inside the YAML text) and what to tell the editor."""

    line: int | None
    column: int | None
    problem: str
    fix: str


def plain_syntax_message(error: yaml.MarkedYAMLError, text: str, first_line: int = 1) -> PlainMessage:
    """The editor's message for a YAML syntax error; line numbers in it count from ``first_line``."""
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    at = mark.line if mark else None
    shown = (lambda index: index + first_line)
    tab = at if at is not None and at < len(lines) and _tab_in_indent(lines[at]) else None
    if tab is None and "'\\t'" in (error.problem or ""):
        tab = _first_tab_indent(lines, at)
    if tab is not None:
        return PlainMessage(tab, lines[tab].index("\t"), f"line {shown(tab)} is indented with a tab character.",
                            "Use spaces, not tabs: replace the tab with spaces so the line lines up with "
                            "the one above it.")
    if "quoted scalar" in (error.context or "") and error.context_mark is not None:
        opened = error.context_mark
        quote = lines[opened.line][opened.column:opened.column + 1] or '"'
        return PlainMessage(opened.line, opened.column,
                            f"the quote mark ({quote}) on line {shown(opened.line)} is never closed.",
                            f"Add the closing {quote} at the end of the text on line {shown(opened.line)}, "
                            "or remove the opening one.")
    if "constructor for the tag" in (error.problem or "") and mark is not None:
        tag = (error.problem or "").split("tag ")[-1].strip()
        return PlainMessage(at, mark.column, f"line {shown(at)} uses a YAML tag ({tag}), which plainpath does not read.",
                            "Remove the word that starts with '!', or put the whole text in quotes.")
    if at is None or at >= len(lines):
        return _pyyaml_words(error, at, mark)
    here = _KEY_LINE.match(lines[at])
    above = _line_above(lines, at)
    problem = error.problem or ""
    context = error.context or ""
    if ("flow sequence" in context or "flow mapping" in context) and error.context_mark is not None:
        opened = error.context_mark
        bracket = lines[opened.line][opened.column:opened.column + 1] if opened.line < len(lines) else "["
        closing = {"[": "]", "{": "}"}.get(bracket, "]")
        return PlainMessage(opened.line, opened.column,
                            f"the {bracket} on line {shown(opened.line)} starts a YAML "
                            f"{'list' if bracket == '[' else 'block of keys'} and is never closed "
                            f"with {closing}.",
                            f"If it is part of the text, put the whole text in quotes; otherwise add the {closing}.")
    if problem.startswith("expected <block end>") and mark.column > _indent(lines[at]):
        return _text_after_the_value(lines, at, mark, shown)
    if "mapping values are not allowed" in problem:
        colon_in_text = _colon_in_text(lines[at])
        if colon_in_text:
            key, value = colon_in_text
            return PlainMessage(at, mark.column,
                                f"the text after '{key}:' on line {shown(at)} contains a colon, which YAML "
                                "reads as the start of another key.",
                                f"Put the text in quotes: {key}: {_quoted(value)}")
        if above is not None and _indent(lines[at]) > _key_column(lines[above]):
            return PlainMessage(at, mark.column,
                                f"line {shown(at)} is indented further than line {shown(above)}, so YAML reads it "
                                f"as part of the text on line {shown(above)}.",
                                _line_up(here, lines[above], shown(above)))
    if any(problem.startswith(words) for words in _INDENTATION_PROBLEMS) and above is not None:
        return PlainMessage(at, mark.column,
                            f"line {shown(at)} is indented by {_indent(lines[at])} spaces, which does not match "
                            f"the lines above it (line {shown(above)} uses {_key_column(lines[above])}).",
                            _line_up(here, lines[above], shown(above)) + " If it starts a new item of a list, "
                            "begin it with '- ' at the same place as the other items.")
    return _pyyaml_words(error, at, mark)


def _pyyaml_words(error: yaml.MarkedYAMLError, at: int | None, mark) -> PlainMessage:
    problem = f"the YAML cannot be read: {error.problem or error.context}"
    if error.context and error.problem:
        problem += f" ({error.context})"
    return PlainMessage(at, mark.column if mark else None, problem + ".", GENERAL_FIX)


def _tab_in_indent(line: str) -> bool:
    return "\t" in line[: len(line) - len(line.lstrip(" \t"))]


def _first_tab_indent(lines: list[str], up_to: int | None) -> int | None:
    """The first line, up to the error, whose indentation holds a tab (YAML forbids them there;
    inside a '|' block a tab is text, so this is asked only when PyYAML names the tab)."""
    last = len(lines) - 1 if up_to is None else min(up_to, len(lines) - 1)
    return next((index for index in range(last, -1, -1) if _tab_in_indent(lines[index])), None)


def _quoted(value: str) -> str:
    """``value`` in quotes YAML reads back unchanged: double quotes unless it holds a backslash
    or a double quote (``C:\\new`` would become a line break), else single quotes."""
    if "\\" not in value and '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _other_quotes(text: str, quote: str) -> str:
    """``text`` quoted with the quote mark it was not written with."""
    if quote == "'":
        return _quoted(text)
    return "'" + text.replace("'", "''") + "'"


def _text_after_the_value(lines: list[str], at: int, mark, shown) -> PlainMessage:
    """YAML read a value, then found more on the same line: mostly a quote closed early."""
    match = _KEY_LINE.match(lines[at])
    value = (match["value"] or "").strip() if match else ""
    if match and value[:1] in ("'", '"') and value[0] in value[1:-1]:
        key = match["key"].strip()
        return PlainMessage(at, mark.column,
                            f"the text after '{key}:' on line {shown(at)} starts with a quote mark ({value[0]}) and "
                            f"has another {value[0]} inside it, so YAML thinks the text ends there.",
                            f"Put the text in the other kind of quotes: {key}: {_other_quotes(value[1:-1], value[0])}")
    return PlainMessage(at, mark.column,
                        f"on line {shown(at)}, YAML found more text after the value ended (column {mark.column + 1}).",
                        "If the text holds quote marks or a colon, put the whole text in quotes. " + GENERAL_FIX)


def _line_above(lines: list[str], index: int) -> int | None:
    """The nearest line above with content (not blank, not a comment)."""
    for above in range(index - 1, -1, -1):
        if lines[above].strip() and not lines[above].lstrip().startswith("#"):
            return above
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where the key starts: after the indentation and any "- " list marker."""
    match = _KEY_LINE.match(line)
    if match is None:
        return _indent(line)
    return len(match["indent"]) + len(match["dash"] or "")


def _colon_in_text(line: str) -> tuple[str, str] | None:
    """``(key, text)`` when the text after a key itself holds ": " (or ends in ":")."""
    match = _KEY_LINE.match(line)
    value = (match["value"] or "") if match else ""
    if match and value and not value.startswith(("'", '"')) and (": " in value or value.endswith(":")):
        return match["key"].strip(), value
    return None


def _line_up(here: re.Match | None, above: str, above_number: int) -> str:
    key = f"'{here['key'].strip()}:'" if here else "this line"
    target = _KEY_LINE.match(above)
    target_key = f"'{target['key'].strip()}:'" if target else "the line above"
    return (f"If {key} belongs with {target_key} on line {above_number}, indent it by "
            f"{_key_column(above)} spaces so it lines up with {target_key}.")
