"""Translate a flow model: every text a resident reads in the steps, the chart and the boxes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from plainpath.flows.model import Answer, Flow, Task, TaskGroup
from plainpath.translation.segments import MarkdownText, Segment, Translate


def _one_line(value: str) -> str:
    return " ".join(value.split())


def flow_segments(flow: Flow) -> list[Segment]:
    """Every translatable text of a flow, with its flow file as context."""
    return list(_segments(flow))


def _segments(flow: Flow) -> Iterator[Segment]:
    context = flow.source_path

    def line(path: tuple) -> int:
        return (flow.source.locate(path).line or 1) if flow.source is not None else 1

    def texts(path: tuple, *values: str | None) -> Iterator[Segment]:
        for value in values:
            if value:
                yield Segment(context, _one_line(value), line(path))

    yield from texts(("title",), flow.title, flow.summary)
    for step in flow.steps:
        base = ("steps", step.index)
        yield from texts(base, step.heading)
        if step.body:
            yield from MarkdownText(step.body, context, line(base + ("body",))).segments
        for group in step.tasks:
            yield from texts(base + ("tasks",), *(task.text for task in group.tasks))
        yield from texts(base + ("answers",), *(answer.text for answer in step.answers))
        yield from texts(base, step.time, step.cost)


def translate_flow(flow: Flow, translate: Translate, translate_body: Translate | None = None,
                   held_back: Callable[[Segment], bool] | None = None) -> Flow:
    """A copy of ``flow`` with every text replaced by ``translate(segment)``; the steps'
    Markdown bodies by ``translate_body`` when given (it may add markup: ``lang="en"``).
    ``held_back`` says which short texts are shown in English by the publishing policy: each
    step lists them, for the note beside them (asked after the step's texts are translated)."""
    context = flow.source_path

    def text(value: str | None) -> str | None:
        return translate(Segment(context, _one_line(value), 0)) if value else value

    def kept_back(step) -> frozenset[str]:
        if held_back is None:
            return frozenset()
        short = [step.heading, *(t.text for g in step.tasks for t in g.tasks), *(a.text for a in step.answers),
                 step.time, step.cost]
        return frozenset(_one_line(value) for value in short
                         if value and held_back(Segment(context, _one_line(value), 0)))

    def body(value: str) -> str:
        return MarkdownText(value, context).rebuild(translate_body or translate) if value else ""

    steps = tuple(
        dataclasses.replace(
            step,
            heading=text(step.heading) or "",
            body=body(step.body),
            tasks=tuple(
                TaskGroup(group.mode, tuple(Task(text(t.text) or "", t.page) for t in group.tasks))
                for group in step.tasks
            ),
            answers=tuple(
                Answer(text(a.text) or "", a.next, a.loops_back) for a in step.answers
            ),
            time=text(step.time),
            cost=text(step.cost),
            held_back=kept_back(step),
        )
        for step in flow.steps
    )
    return dataclasses.replace(
        flow, title=text(flow.title) or "", summary=text(flow.summary) or "", steps=steps
    )
