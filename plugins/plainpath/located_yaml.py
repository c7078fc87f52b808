"""Read YAML and remember where every key and value is, so errors can name the line.

PyYAML builds plain Python objects and forgets positions. Editors need to be told "line 12,
column 9", so this module composes the node tree and keeps a map from each value's path
(``("steps", 3, "next")``) to its position, and from each mapping key's path to the key's position.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from plainpath.errors import EditorError, SourceLocation
from plainpath.yaml_messages import plain_syntax_message

Path = tuple[Any, ...]


@dataclass
class LocatedDocument:
    """A loaded YAML document plus the position of every value and key in it."""

    data: Any
    path: str
    value_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    lines: tuple[str, ...] = ()  # the YAML as written, to quote an editor's own words back
    first_line: int = 1

    def written(self, path: Path, value: Any) -> str | None:
        """``value`` (found at ``path``) exactly as the editor typed it, when it is a plain value
        on one line; None when the line does not read back as that value."""
        mark = self.value_marks.get(tuple(path))
        index = mark[0] - self.first_line if mark else -1
        if not 0 <= index < len(self.lines):
            return None
        rest = self.lines[index][mark[1] - 1:].split(" #")[0]
        for candidate in (rest, re.split(r"[,}\]]", rest)[0]):  # "{title: yes, ...}" -> "yes"
            try:
                if candidate.strip() and yaml.load(candidate, Loader=BoundedLoader) == value:
                    return candidate.strip()
            except yaml.YAMLError:
                continue
        return None

    def locate(self, path: Path, *, key: bool = False) -> SourceLocation:
        """Where the value (or, with ``key``, the key) at ``path`` is; falls back to its parent."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while probe and probe not in marks:
            probe = probe[:-1]
        line, column = marks.get(probe) or self.value_marks.get((), (1, 1))
        return SourceLocation(self.path, line, column)


MAX_YAML_CHARS = 200_000  # a long flow is a few KB; past this it is a mistake or an attack
MAX_DEPTH = 20  # flows nest steps, answers and tasks about 6 deep


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases and with a nesting limit.

    An alias (``*name``) lets 20 lines expand to gigabytes ("billion laughs"), and deep nesting
    exhausts the recursion limit. Editors never need either, so both are errors with a line.
    """

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise LimitError(event.start_mark, "uses an alias ('*'), which plainpath does not read",
                             "Write the text out in full instead of using '&' anchors and '*' aliases.")
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise LimitError(self.peek_event().start_mark,
                                 f"nests blocks more than {MAX_DEPTH} levels deep",
                                 "Check the indentation: flows and front matter need only a few levels.")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class LimitError(Exception):
    """YAML that is valid but beyond what plainpath reads; carries the mark and the fix."""

    def __init__(self, mark, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.mark, self.problem, self.fix = mark, problem, fix


class WordsAsTextLoader(BoundedLoader):
    """YAML 1.2's core schema for plain words and numbers: only true/false are booleans and only
    plain decimal (or 0x) numbers are numbers. YAML 1.1, PyYAML's default, reads an editor's
    ``answer: No`` as False, ``12:30`` as 750 and the phone number ``0123`` as 83."""


# "=" alone is YAML 1.1's "value" key, which no constructor reads: for an editor it is text.
BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:value"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
WordsAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in BoundedLoader.yaml_implicit_resolvers.items()
}
WordsAsTextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
WordsAsTextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
WordsAsTextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def load_located_yaml(text: str, path: str, kind: str, first_line: int = 1,
                      words_as_text: bool = False) -> LocatedDocument:
    """Parse ``text`` as one YAML document; ``first_line`` is the file line the text starts on.
    With ``words_as_text`` (flows), Yes/No/On/Off, times and numbers with leading zeros are text.

    Each text is parsed once per build (the page checks, the readability lint and translation
    all read a page's front matter): treat the result as read-only.
    """
    return _load_once(text, path, kind, first_line, words_as_text)


@functools.lru_cache(maxsize=16384)
def _load_once(text: str, path: str, kind: str, first_line: int, words_as_text: bool = False) -> LocatedDocument:
    if len(text) > MAX_YAML_CHARS:
        raise EditorError(
            kind, SourceLocation(path, first_line),
            f"the YAML is {len(text) // 1000} thousand characters long, over the limit of "
            f"{MAX_YAML_CHARS // 1000} thousand.", "Split it into several flows or pages.")
    try:
        node = yaml.compose(text, Loader=WordsAsTextLoader if words_as_text else BoundedLoader)
    except LimitError as error:
        raise EditorError(
            kind, SourceLocation(path, error.mark.line + first_line, error.mark.column + 1),
            f"the YAML {error.problem}.", error.fix) from error
    except RecursionError as error:
        raise EditorError(kind, SourceLocation(path, first_line), "the YAML is nested too deeply "
                          "to read.", "Check the indentation and the brackets.") from error
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, path, kind, first_line) from error
    except yaml.reader.ReaderError as error:  # a control character pasted into the file
        line = text[: error.position].count("\n") + first_line
        raise EditorError(
            kind, SourceLocation(path, line),
            f"the file holds a character YAML does not allow ({error.character!r}).",
            "Delete it: it is usually invisible, pasted in from another program.",
        ) from error
    document = LocatedDocument(data=None, path=path, lines=tuple(text.split("\n")), first_line=first_line)
    if node is None:
        return document
    builder = _Builder(document, first_line - 1, kind)
    try:
        document.data = builder.build(node, ())
    except yaml.MarkedYAMLError as error:  # a tag such as '!thing' that no constructor reads
        raise _syntax_error(error, text, path, kind, first_line) from error
    return document


def _syntax_error(
    error: yaml.MarkedYAMLError, text: str, path: str, kind: str, first_line: int
) -> EditorError:
    message = plain_syntax_message(error, text, first_line)
    line = message.line + first_line if message.line is not None else None
    column = message.column + 1 if message.column is not None else None
    return EditorError(kind, SourceLocation(path, line, column), message.problem, message.fix)


class _Builder:
    """Turns composed YAML nodes into Python values while recording positions."""

    def __init__(self, document: LocatedDocument, line_offset: int, kind: str) -> None:
        self.document = document
        self.kind = kind
        self.line_offset = line_offset
        self.constructor = yaml.SafeLoader("")

    def position(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.document.value_marks[path] = self.position(node)
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        """A value as PyYAML reads it; a date that does not exist (2026-02-30) is the editor's
        mistake at its line, not a crash."""
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError) as error:
            line, column = self.position(node)
            raise EditorError(
                self.kind, SourceLocation(self.document.path, line, column),
                f"'{node.value}' reads as a date, but there is no such date ({error}).",
                "Write a real date as YYYY-MM-DD, for example 2026-02-28.",
            ) from error

    def build_mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node)
            if key in result:
                line, column = self.position(key_node)
                raise EditorError(
                    self.kind,
                    SourceLocation(self.document.path, line, column),
                    f"the key '{key}' appears twice in the same block.",
                    "Remove one of them.",
                )
            self.document.key_marks[path + (key,)] = self.position(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result
