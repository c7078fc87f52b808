"""All the flows of a site, loaded and checked together, and which page belongs to which step."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from plainpath.errors import EditorError, EditorErrors, SourceLocation, did_you_mean, raise_all
from plainpath.flows.lint import Finding, lint_flow
from plainpath.flows.loader import load_flow
from plainpath.flows.model import Flow, Step


@dataclass
class FlowCatalogue:
    """Every valid flow by id, plus the warnings found while checking them."""

    flows: dict[str, Flow] = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)

    def get(self, flow_id: str, where: SourceLocation, kind: str = "page") -> Flow:
        """The flow with this id, or an error at ``where`` suggesting the closest id."""
        if flow_id in self.flows:
            return self.flows[flow_id]
        raise EditorError(
            kind,
            where,
            f"there is no flow with the id '{flow_id}'.",
            did_you_mean(flow_id, self.flows)
            or (f"Known flows: {', '.join(sorted(self.flows))}." if self.flows
                else "There are no flows yet: write one in flows/ first, or remove this line."),
        )

    def first_step_for_page(self) -> dict[str, dict[str, Step]]:
        """For each page, the first step of each flow that links to it (one box per flow)."""
        mapping: dict[str, dict[str, Step]] = {}
        for flow in self.flows.values():
            for step in flow.steps:
                for page in step.pages():
                    mapping.setdefault(page, {}).setdefault(flow.id, step)
        return mapping


def load_catalogue(flows_dir: Path, project_root: Path, known_pages: Collection[str]) -> FlowCatalogue:
    """Load and lint every ``*.yml`` in ``flows_dir``; all errors are raised together."""
    catalogue = FlowCatalogue()
    errors: list[EditorError] = []
    for file_path in sorted(flows_dir.glob("*.y*ml")):
        display = file_path.relative_to(project_root).as_posix()
        try:
            flow = load_flow(file_path, display)
        except EditorErrors as problems:
            errors += problems.errors
            continue
        except EditorError as problem:
            errors.append(problem)
            continue
        findings = lint_flow(flow, known_pages)
        errors += [finding.as_error() for finding in findings if finding.severity == "Error"]
        catalogue.warnings += [finding for finding in findings if finding.severity != "Error"]
        errors += _duplicate_flow(catalogue, flow)
        catalogue.flows.setdefault(flow.id, flow)
    raise_all(errors)
    return catalogue


def _duplicate_flow(catalogue: FlowCatalogue, flow: Flow) -> list[EditorError]:
    other = catalogue.flows.get(flow.id)
    if other is None:
        return []
    assert flow.source is not None
    return [
        EditorError(
            "flow",
            flow.source.locate(("id",)),
            f"the flow id '{flow.id}' is already used by '{other.source_path}'.",
            "Give each flow its own id.",
        )
    ]
