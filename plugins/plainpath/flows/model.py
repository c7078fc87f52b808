"""The one model of a flow that every rendering (steps, chart, "Part of" box) is made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
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
    icon: str | None = None  # a word from flows/icons.py's vocabulary; None: the kind's default
    # Its short texts (heading, tasks, answers, time, cost) a language shows in English because
    # the publishing policy held their machine text back: each gets the note, as in pages.
    held_back: frozenset[str] = frozenset()

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

    @cached_property
    def reading_order(self) -> tuple[ListedStep, ...]:
        """The step-by-step list as a resident reads it (see ``ListedStep``)."""
        return _reading_order(self)

    @cached_property
    def numbered_steps(self) -> tuple[Step, ...]:
        """Every step but the outcomes, in reading order: "Step 1", "Step 2", ..."""
        return tuple(
            step
            for listed in self.reading_order
            for step in (listed.step, *(s for alt in listed.alternatives for s in alt.steps))
            if step.kind != "outcome"
        )

    @cached_property
    def _branch_answers(self) -> dict[str, Answer]:
        return {step.id: alternative.answer for listed in self.reading_order
                for alternative in listed.alternatives for step in alternative.steps}

    def only_if(self, step: Step) -> Answer | None:
        """The answer a step is taken for, when it lies on one branch of a decision: a list of
        the steps says so, or it reads as a straight 1-2-3-4 (issue 29.10)."""
        return self._branch_answers.get(step.id)

    @cached_property
    def _numbers(self) -> dict[str, int]:
        return {step.id: number for number, step in enumerate(self.numbered_steps, start=1)}

    def number(self, step: Step) -> int | None:
        """The number a resident sees ("Step 3"), in reading order; outcomes have none."""
        return self._numbers.get(step.id)

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


@dataclass(frozen=True)
class Alternative:
    """Steps taken instead, for one answer of a decision: an "or" under its parent step."""

    answer: Answer
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class ListedStep:
    """One item of the step-by-step list, with the "or" alternatives nested under it."""

    step: Step
    alternatives: tuple[Alternative, ...] = ()


def _ways_in(flow: Flow) -> dict[str, list[Step]]:
    ways_in: dict[str, list[Step]] = {step.id: [] for step in flow.steps}
    for step in flow.steps:
        for way_on in step.exits():
            if not way_on.loops_back and way_on.target in ways_in:
                ways_in[way_on.target].append(step)
    return ways_in


def _detour(flow: Flow, decision: Step, answer: Answer, ways_in: dict[str, list[Step]]) -> tuple[Step, ...]:
    """The steps one answer leads through before rejoining the path another answer takes.

    In "Is the car yours? Yes: apply online. No: get a letter from your employer, then apply
    online", the letter is an alternative nested under the question (GOV.UK's audit, 1.3.1: an
    "or" step must be related to its parent step, not listed as the next step of the process).
    """
    other_targets = {other.next for other in decision.answers if other is not answer}
    chain: list[Step] = []
    current = flow.step(answer.next)
    previous = decision
    while current is not None and current.id not in other_targets:
        if current.kind != "step" or [s.id for s in ways_in[current.id]] != [previous.id]:
            return ()
        if current in chain or current.next is None:
            return ()
        chain.append(current)
        previous, current = current, flow.step(current.next)
    return tuple(chain) if current is not None else ()


def _reading_order(flow: Flow) -> tuple[ListedStep, ...]:
    """Steps in the editor's order, "or" alternatives under their decision, outcomes last.

    Outcomes ("End: ...") never sit between two steps: a resident reading down the list would
    otherwise meet "We tell you how much you pay" before the steps that lead there.
    """
    ways_in = _ways_in(flow)
    nested: dict[str, tuple[Alternative, ...]] = {}
    inside: set[str] = set()
    for step in flow.steps:
        if step.kind != "decision":
            continue
        alternatives = []
        for answer in step.answers:
            chain = _detour(flow, step, answer, ways_in)
            if chain and not inside.intersection(s.id for s in chain) and step.id not in inside:
                alternatives.append(Alternative(answer, chain))
                inside.update(s.id for s in chain)
        nested[step.id] = tuple(alternatives)
    listed = [
        ListedStep(step, nested.get(step.id, ()))
        for step in flow.steps
        if step.id not in inside and step.kind != "outcome"
    ]
    listed += [ListedStep(step) for step in flow.steps if step.kind == "outcome"]
    return tuple(listed)
