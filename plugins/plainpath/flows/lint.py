"""Graph checks on a flow: the mistakes a schema cannot see (references, dead ends, loops)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from plainpath.errors import EditorError, SourceLocation, did_you_mean, did_you_mean_page, format_problem
from plainpath.flows.model import Flow, Step

KIND = "flow"


@dataclass(frozen=True)
class Finding:
    """One problem in a flow. Errors stop the build; warnings fail only ``--strict`` builds."""

    severity: str
    where: SourceLocation
    problem: str
    fix: str

    @property
    def message(self) -> str:
        return format_problem(KIND, self.where, self.problem, self.fix, self.severity)

    def as_error(self) -> EditorError:
        return EditorError(KIND, self.where, self.problem, self.fix)


def lint_flow(flow: Flow, known_pages: Collection[str]) -> list[Finding]:
    """Every reference, reachability, dead-end, answer-count and loop problem in ``flow``."""
    findings = _duplicate_ids(flow)
    findings += _bad_references(flow, known_pages)
    if any(finding.severity == "Error" for finding in findings):
        return findings
    for step in flow.steps:
        findings += _dead_end(flow, step) + _too_few_answers(flow, step)
    findings += _unreachable(flow) + _loops(flow)
    return findings


def _error(flow: Flow, path: tuple[object, ...], problem: str, fix: str, key=False) -> Finding:
    assert flow.source is not None
    return Finding("Error", flow.source.locate(path, key=key), problem, fix)


def _duplicate_ids(flow: Flow) -> list[Finding]:
    seen: dict[str, Step] = {}
    findings = []
    for step in flow.steps:
        first = seen.setdefault(step.id, step)
        if first is not step:
            assert flow.source is not None
            first_line = flow.source.locate(("steps", first.index, "id")).line
            findings.append(
                _error(
                    flow,
                    ("steps", step.index, "id"),
                    f"two steps have the id '{step.id}' (the other is on line {first_line}).",
                    "Give each step its own id.",
                )
            )
    return findings


def _bad_references(flow: Flow, known_pages: Collection[str]) -> list[Finding]:
    step_ids = {step.id for step in flow.steps}
    findings = []
    for step in flow.steps:
        for way_on in step.exits():
            if way_on.target not in step_ids:
                findings.append(
                    _error(
                        flow,
                        way_on.yaml_path,
                        f"step '{step.id}' points to '{way_on.target}', which does not exist.",
                        did_you_mean(way_on.target, step_ids)
                        or "Use the id of one of the steps in this file.",
                    )
                )
        findings += _unknown_pages(flow, step, known_pages)
    return findings


def _unknown_pages(flow: Flow, step: Step, known_pages: Collection[str]) -> list[Finding]:
    paths = [(("steps", step.index, "page"), step.page)]
    for group_number, group in enumerate(step.tasks):
        for task_number, task in enumerate(group.tasks):
            paths.append(
                (("steps", step.index, "tasks", group_number, group.mode, task_number, "page"), task.page)
            )
    return [
        _error(
            flow,
            yaml_path,
            f"step '{step.id}' links to the page '{page}', which does not exist in content/.",
            did_you_mean_page(page, known_pages) or "Use a path inside content/, like 'parking/apply.md'.",
        )
        for yaml_path, page in paths
        if page and page not in known_pages
    ]


def _dead_end(flow: Flow, step: Step) -> list[Finding]:
    if step.kind != "step" or step.next:
        return []
    return [
        _error(
            flow,
            ("steps", step.index, "id"),
            f"step '{step.id}' is a dead end: it has no 'next' and is not an outcome.",
            "Add 'next: <id of the following step>', or change 'title' to 'outcome' "
            "if the flow ends here.",
        )
    ]


def _too_few_answers(flow: Flow, step: Step) -> list[Finding]:
    if step.kind != "decision" or len(step.answers) >= 2:
        return []
    return [
        _error(
            flow,
            ("steps", step.index, "answers"),
            f"decision '{step.id}' has only {len(step.answers)} answer; a decision needs at least two.",
            "Add another answer, or make it a step with 'title' and 'next' if there is only one "
            "way on.",
        )
    ]


def _unreachable(flow: Flow) -> list[Finding]:
    start = flow.steps[0]
    reached = {start.id}
    waiting = [start]
    while waiting:
        for way_on in waiting.pop().exits():
            target = flow.step(way_on.target)
            if target is not None and target.id not in reached:
                reached.add(target.id)
                waiting.append(target)
    return [
        _error(
            flow,
            ("steps", step.index, "id"),
            f"step '{step.id}' cannot be reached from the first step ('{start.id}').",
            f"Point a 'next' or an answer at '{step.id}', or remove the step.",
        )
        for step in flow.steps
        if step.id not in reached
    ]


def _loops(flow: Flow) -> list[Finding]:
    """Warn about each way on that closes a loop, unless marked ``loops_back: true``."""
    findings: list[Finding] = []
    on_path: list[str] = []
    done: set[str] = set()

    def visit(step: Step) -> None:
        on_path.append(step.id)
        for way_on in step.exits():
            target = flow.step(way_on.target)
            if target is None:
                continue
            if target.id in on_path and not way_on.loops_back:
                assert flow.source is not None
                findings.append(
                    Finding(
                        "Warning",
                        flow.source.locate(way_on.yaml_path),
                        f"step '{step.id}' leads back to '{target.id}', which makes a loop.",
                        "If the loop is intended, add 'loops_back: true' beside this 'next'.",
                    )
                )
            elif target.id not in done and target.id not in on_path:
                visit(target)
        on_path.pop()
        done.add(step.id)

    visit(flow.steps[0])
    return findings
