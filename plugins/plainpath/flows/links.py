"""Where a flow renderer's links go, kept apart so renderers know nothing of MkDocs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from plainpath.flows.model import Flow, Step


@dataclass(frozen=True)
class FlowLinks:
    """Relative URLs as seen from the page being rendered.

    ``page_url`` maps a content path (``parking/apply.md``) to a URL, ``flow_url`` a flow id to
    its step-by-step page; both return URLs relative to the page that shows the links.
    """

    page_url: Callable[[str], str]
    flow_url: Callable[[str], str]
    page_title: Callable[[str], str]

    def step_url(self, flow: Flow, step: Step) -> str:
        """Link to a step inside its flow's step-by-step page."""
        return f"{self.flow_url(flow.id)}#{flow.anchor(step)}"
