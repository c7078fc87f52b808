"""Load ``flows/*.yml`` into the flow model, stopping at the first file an editor must fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plainpath.editor_text import read_editor_text
from plainpath.errors import EditorError, SourceLocation, raise_all
from plainpath.flows.model import Answer, Flow, Step, Task, TaskGroup
from plainpath.flows.schema import FLOW_SCHEMA, KIND_KEYS, STEP_SCHEMAS
from plainpath.located_yaml import LocatedDocument, load_located_yaml
from plainpath.safety.plain_text import plain_text_errors
from plainpath.schema_errors import validate_located

KIND = "flow"


def load_flow(file_path: Path, display_path: str) -> Flow:
    """Read, validate and build one flow; raises EditorError(s) naming file and line."""
    text = read_editor_text(file_path, display_path, KIND)
    document = load_located_yaml(text, display_path, KIND, words_as_text=True)
    if not isinstance(document.data, dict):
        raise EditorError(
            KIND,
            SourceLocation(display_path, 1, 1),
            "the file is empty or is not a block of keys.",
            "Start it with 'id:', 'title:', 'summary:', 'service:' and 'steps:'.",
        )
    raise_all(validate_located(document, document.data, FLOW_SCHEMA, KIND))
    steps = [_build_step(document, raw, index) for index, raw in enumerate(document.data["steps"])]
    raise_all(plain_text_errors(document, KIND))
    data = document.data
    return Flow(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        service=data["service"],
        steps=tuple(steps),
        source_path=display_path,
        source=document,
    )


def _build_step(document: LocatedDocument, raw: dict[str, Any], index: int) -> Step:
    path = ("steps", index)
    kind = _step_kind(document, raw, path)
    raise_all(validate_located(document, raw, STEP_SCHEMAS[kind], KIND, path))
    heading_key = next(key for key, value in KIND_KEYS.items() if value == kind)
    return Step(
        id=raw["id"],
        kind=kind,
        heading=raw[heading_key],
        index=index,
        body=raw.get("body", "").strip(),
        page=raw.get("page"),
        tasks=tuple(_build_group(group) for group in raw.get("tasks", [])),
        optional=raw.get("optional", False),
        next=raw.get("next"),
        loops_back=raw.get("loops_back", False),
        answers=tuple(
            Answer(answer["answer"], answer["next"], answer.get("loops_back", False))
            for answer in raw.get("answers", [])
        ),
        time=raw.get("time"),
        cost=raw.get("cost"),
        icon=raw.get("icon"),
    )


def _step_kind(document: LocatedDocument, raw: dict[str, Any], path: tuple[Any, ...]) -> str:
    kinds = [KIND_KEYS[key] for key in KIND_KEYS if key in raw]
    if len(kinds) == 1:
        return kinds[0]
    label = f"step '{raw.get('id', path[1] + 1)}'"
    problem = (
        f"{label} has none of 'title', 'decision' or 'outcome'."
        if not kinds
        else f"{label} has more than one of 'title', 'decision' and 'outcome'."
    )
    fix = "Give it exactly one: 'title' for a step, 'decision' for a question, 'outcome' for an end."
    raise EditorError(KIND, document.locate(path), problem, fix)


def _build_group(raw: dict[str, list[dict[str, str]]]) -> TaskGroup:
    mode = "all" if "all" in raw else "any"
    tasks = tuple(Task(task["text"], task.get("page")) for task in raw[mode])
    return TaskGroup(mode, tasks)  # type: ignore[arg-type]
