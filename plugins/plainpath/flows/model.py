"""The one model of a flow that every rendering (steps, chart, "Part of" box) is made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from plainpath.located_yaml import LocatedDocument

StepKind = Literal["step", "decision", "outcome"]


@dataclass(frozen=True)
class Task:
    """One thing to do inside a step, optionally explained on a content page."""

    text: str
    page: str | None = None


@dataclass(frozen=True)
class TaskGroup:
    """Tasks done together: ``all`` of them ("and") or ``any`` one of them ("or")."""

    mode: Literal["all", "any"]
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Answer:
    """One answer to a decision and the step it leads to."""

    text: str
    next: str
    loops_back: bool = False


@dataclass(frozen=True)
class Exit:
    """A way on from a step, with the YAML path of its ``next`` for error messages."""

    target: str
    loops_back: bool
    yaml_path: tuple[object, ...]


@dataclass(frozen=True)
class Step:
    """A step, decision or outcome; ``heading`` is its title, question or outcome text."""

    id: str
    kind: StepKind
    heading: str
    index: int
    body: str = ""
    page: str | None = None
    tasks: tuple[TaskGroup, ...] = ()
    optional: bool = False
    next: str | None = None
    loops_back: bool = False
    answers: tuple[Answer, ...] = ()
    time: str | None = None
    cost: str | None = None

    def exits(self) -> list[Exit]:
        """Every way on from this step, in the order the editor wrote them."""
        base = ("steps", self.index)
        if self.kind == "decision":
            return [
                Exit(answer.next, answer.loops_back, base + ("answers", number, "next"))
                for number, answer in enumerate(self.answers)
            ]
        if self.next is not None:
            return [Exit(self.next, self.loops_back, base + ("next",))]
        return []

    def pages(self) -> list[str]:
        """Content pages this step links to: its own page first, then its tasks' pages."""
        linked = [self.page] if self.page else []
        linked += [task.page for group in self.tasks for task in group.tasks if task.page]
        return linked


@dataclass(frozen=True)
class Flow:
    """A whole process as the editor wrote it in ``flows/<id>.yml``."""

    id: str
    title: str
    summary: str
    service: str
    steps: tuple[Step, ...]
    source_path: str
    source: LocatedDocument | None = field(default=None, compare=False, repr=False)

    def step(self, step_id: str) -> Step | None:
        """The step with this id, or None."""
        return next((step for step in self.steps if step.id == step_id), None)

    def number(self, step: Step) -> int | None:
        """The number a resident sees ("Step 3"); outcomes have none."""
        if step.kind == "outcome":
            return None
        numbered = [item for item in self.steps if item.kind != "outcome"]
        return numbered.index(step) + 1

    def anchor(self, step_or_id: Step | str) -> str:
        """Permanent anchor of a step: built from its id, never from its (translatable) title."""
        step = self.step(step_or_id) if isinstance(step_or_id, str) else step_or_id
        if step is None:
            raise KeyError(step_or_id)
        number = self.number(step)
        return f"end-{step.id}" if number is None else f"step-{number}-{step.id}"

    @property
    def url_path(self) -> str:
        """Where the flow's step-by-step page lives in the site, relative to the docs root."""
        return f"flows/{self.id}.md"
