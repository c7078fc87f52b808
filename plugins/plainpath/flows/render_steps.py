"""HTML renderings of a flow: the step-by-step list, the one-line embed and the "Part of" box.

The markup follows the GOV.UK step-by-step pattern with the fixes from its accessibility audit:
the step number is part of the heading text, "and"/"or" are plain text (not headings at the step
level), the current step is marked with ``aria-current="step"``, and nothing needs JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import jinja2
from markupsafe import Markup

from plainpath.flows.icons import inline_icon
from plainpath.flows.links import FlowLinks
from plainpath.flows.model import Flow, Step
from plainpath.ui_text import ENGLISH_UI, UiText

BodyRenderer = Callable[[Flow, Step], str]


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("plainpath.flows", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )


def render_template(name: str, **context: object) -> str:
    """Render one of the flow templates with autoescaping on."""
    return _templates().get_template(name).render(**context)


def render_step_by_step(
    flow: Flow, links: FlowLinks, body_html: BodyRenderer, t: UiText = ENGLISH_UI
) -> str:
    """The full step-by-step list of a flow, as an HTML fragment."""
    return render_template(
        "step_by_step.html",
        flow=flow,
        links=links,
        t=t,
        body_html=lambda step: Markup(body_html(flow, step)),
        icon=lambda step: Markup(inline_icon(step)),
    )


def render_embed(flow: Flow, links: FlowLinks, t: UiText = ENGLISH_UI, current: Step | None = None) -> str:
    """The short list of steps a content page shows for ``[[flow <id>]]``; ``current`` is the
    step the page itself explains, if it is one."""
    return render_template("embed.html", flow=flow, links=links, t=t, current=current)


def render_part_of(
    flow: Flow, current: Step, links: FlowLinks, page_of_step: Callable[[Step], str | None],
    t: UiText = ENGLISH_UI,
) -> str:
    """The "Part of" box for a content page that explains ``current``, with previous and next."""

    def step_href(step: Step) -> str:
        page = page_of_step(step)
        return links.page_url(page) if page else links.step_url(flow, step)

    return render_template(
        "part_of.html",
        flow=flow,
        current=current,
        links=links,
        t=t,
        previous=previous_step(flow, current),
        following=next_step(flow, current),
        step_href=step_href,
    )


def previous_step(flow: Flow, step: Step) -> Step | None:
    """The nearest step above ``step`` in the editor's list whose way on leads to it."""
    leading_here = [
        candidate
        for candidate in flow.steps
        if any(way_on.target == step.id and not way_on.loops_back for way_on in candidate.exits())
    ]
    above = [candidate for candidate in leading_here if candidate.index < step.index]
    return (above or leading_here or [None])[-1]


def next_step(flow: Flow, step: Step) -> Step | None:
    """The single step that follows ``step``; a decision has several, so none is singled out."""
    exits = step.exits()
    if step.kind == "decision" or not exits:
        return None
    return flow.step(exits[0].target)
