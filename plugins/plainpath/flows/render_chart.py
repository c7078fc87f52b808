"""The flow-chart picture: Graphviz ``dot`` lays it out, we make the SVG accessible.

The chart is laid out top to bottom so it stays narrow on a 320 px phone. Every box links to its
step in the list; the list is the chart's text alternative, and the SVG says so in its ``<desc>``.
Right-to-left languages get the chart mirrored: answers are laid out from right to left.
"""

from __future__ import annotations

import textwrap

import graphviz
from lxml import etree

from mkdocs.exceptions import PluginError

from plainpath.flows.chart_cache import ChartCache
from plainpath.flows.icons import icon_path_data, icon_word
from plainpath.flows.model import Flow, Step
from plainpath.ui_text import ENGLISH_UI, UiText

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
WRAP_AT = 24

_NODE_STYLE = {
    "step": {"shape": "box", "style": "rounded,filled", "fillcolor": "#ffffff", "color": "#1d3d5c"},
    "decision": {"shape": "hexagon", "style": "filled", "fillcolor": "#fff4c2", "color": "#594300"},
    "outcome": {
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": "#e3f1e7",
        "color": "#005a30",
        "peripheries": "2",
    },
}


class ChartError(PluginError):
    """The chart of a flow could not be drawn; the message names the flow."""


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, WRAP_AT)) or text


def dot_text(text: str) -> str:
    """Text for a DOT label: never an HTML-like label (``<...>``), backslashes taken literally.

    Graphviz reads a label that starts with ``<`` and ends with ``>`` as HTML, which can carry
    links of its own into the SVG; ``graphviz.escape`` marks the string as plain text.
    """
    return graphviz.escape(text)


ICON_SIZE = 18  # points; the box's first line is left empty for it


def node_label(flow: Flow, step: Step, t: UiText) -> str:
    """The text in a box: "2. Get your documents ready", "End: ..." for an outcome, and
    "(if it applies to you)" under a step the resident may skip."""
    number = flow.number(step)
    prefix = f"{t('end')}:" if number is None else f"{number}."
    label = _wrap(f"{prefix} {step.heading}")
    return f"{label}\n({t('optional_mark')})" if step.optional else label


def _node_style(step: Step) -> dict[str, str]:
    style = dict(_NODE_STYLE[step.kind])
    if step.optional:
        style["style"] += ",dashed"
    return style


def chart_dot_source(flow: Flow, t: UiText = ENGLISH_UI, rtl: bool = False) -> str:
    """The Graphviz description of the chart; ``rtl`` mirrors the order of answers."""
    graph = graphviz.Digraph(flow.id, strict=False)
    graph.attr(rankdir="TB", ordering="out", nodesep="0.3", ranksep="0.4", bgcolor="transparent")
    graph.attr("node", fontname="Arial", fontsize="14", fontcolor="#0b0c0c", margin="0.15,0.08")
    graph.attr("edge", fontname="Arial", fontsize="13", fontcolor="#0b0c0c", color="#1d3d5c")
    for step in flow.steps:
        graph.node(
            step.id,
            label=dot_text("\n" + node_label(flow, step, t)),  # line 1: the step's picture
            URL=f"#{flow.anchor(step)}",
            tooltip=dot_text(node_label(flow, step, t).replace("\n", " ")),
            id=f"chart-{step.id}",
            **_node_style(step),
        )
    for step in flow.steps:
        exits = step.exits()
        labels = [answer.text for answer in step.answers] or [""] * len(exits)
        pairs = list(zip(exits, labels))
        for way_on, label in reversed(pairs) if rtl else pairs:
            graph.edge(step.id, way_on.target, label=dot_text(_wrap(label)) if label else None)
    return graph.source


def draw_svg(dot_source: str) -> bytes:
    """Graphviz's SVG for a DOT source: one ``dot`` process."""
    return graphviz.Source(dot_source).pipe(format="svg")


def render_flow_chart(
    flow: Flow, t: UiText = ENGLISH_UI, rtl: bool = False, cache: ChartCache | None = None, lang: str | None = None
) -> str:
    """Inline SVG markup of the chart, with ``<title>``, ``<desc>`` and named links; ``lang``
    is set on the picture when its words are in another language than the page's."""
    source = chart_dot_source(flow, t, rtl)
    try:
        raw = cache.svg(source, draw_svg) if cache is not None else draw_svg(source)
    except (graphviz.CalledProcessError, graphviz.ExecutableNotFound) as error:
        raise ChartError(
            f"Error in flow '{flow.source_path}': Graphviz could not draw its chart "
            f"({str(error)[-200:]}). Check the flow's step texts, or that Graphviz is installed "
            "('apt-get install graphviz')."
        ) from error
    root = etree.fromstring(raw, etree.XMLParser(remove_comments=True, resolve_entities=False))
    _describe(root, flow, t)
    _name_nodes(root, flow, t)
    _draw_icons(root, flow)
    _hide_edges(root)
    _name_backgrounds(root, flow)
    etree.cleanup_namespaces(root)
    if lang:  # words in another language than the page's, and that language's direction
        root.set("lang", lang)
        root.set("direction", "rtl" if rtl else "ltr")
    return etree.tostring(root, encoding="unicode")


def _describe(root: etree._Element, flow: Flow, t: UiText) -> None:
    for old in root.findall(f"{{{SVG}}}title") + root.findall(f"{{{SVG}}}g/{{{SVG}}}title"):
        old.getparent().remove(old)
    title_id, desc_id = f"chart-title-{flow.id}", f"chart-desc-{flow.id}"
    title = etree.Element(f"{{{SVG}}}title", id=title_id)
    title.text = f"{t('chart_title')}: {flow.title}"
    desc = etree.Element(f"{{{SVG}}}desc", id=desc_id)
    desc.text = t("chart_desc")
    root.insert(0, desc)
    root.insert(0, title)
    root.set("role", "group")
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    root.set("class", "pp-chart__svg")


def _name_nodes(root: etree._Element, flow: Flow, t: UiText) -> None:
    """Graphviz titles boxes with their ids; residents need the words on the box instead."""
    for group in root.iter(f"{{{SVG}}}g"):
        if group.get("class") != "node":
            continue
        step = flow.step(group.get("id", "").removeprefix("chart-"))
        title = group.find(f"{{{SVG}}}title")
        if step is not None and title is not None:
            title.text = node_label(flow, step, t).replace("\n", " ")
        if step is not None and step.heading in step.held_back:  # English in place of its translation
            group.set("lang", "en")
        for link in group.iter(f"{{{SVG}}}a"):
            link.attrib.pop(f"{{{XLINK}}}title", None)
            link.set("href", link.attrib.pop(f"{{{XLINK}}}href", ""))


def _draw_icons(root: etree._Element, flow: Flow) -> None:
    """Each box's picture on its empty first line, centred; decoration, hidden from readers."""
    for group in root.iter(f"{{{SVG}}}g"):
        step = flow.step(group.get("id", "").removeprefix("chart-")) if group.get("class") == "node" else None
        texts = list(group.iter(f"{{{SVG}}}text"))
        if step is None or not texts:
            continue
        xs = [float(text.get("x", 0)) for text in texts]
        first_baseline = min(float(text.get("y", 0)) for text in texts)
        x = sum(xs) / len(xs) - ICON_SIZE / 2
        y = first_baseline - 14 - ICON_SIZE - 1  # above the first line of words
        icon = etree.SubElement(texts[0].getparent(), f"{{{SVG}}}path")
        icon.set("d", icon_path_data(icon_word(step)))
        icon.set("class", "pp-chart__icon")
        icon.set("fill", "#0b0c0c")
        icon.set("aria-hidden", "true")
        icon.set("transform", f"translate({x:.2f} {y:.2f}) scale({ICON_SIZE / 24:.4f})")


def _name_backgrounds(root: etree._Element, flow: Flow) -> None:
    """Say each label's background in CSS terms too (``plainpath.css`` gives these classes the
    boxes' fill colours). A contrast checker reads CSS backgrounds, not SVG fills: without this,
    axe cannot tell what is behind a label and pa11y reports every label as an error."""
    for group in root.iter(f"{{{SVG}}}g"):
        kind = group.get("class")
        if kind == "graph":
            group.set("class", "graph pp-chart__canvas")
        elif kind == "node" and (step := flow.step(group.get("id", "").removeprefix("chart-"))) is not None:
            group.set("class", f"node pp-chart__box--{step.kind}")


def _hide_edges(root: etree._Element) -> None:
    """Arrows carry no words the list does not have; hide them from screen readers."""
    for group in root.iter(f"{{{SVG}}}g"):
        if group.get("class") == "edge":
            group.set("aria-hidden", "true")
            title = group.find(f"{{{SVG}}}title")
            if title is not None:
                group.remove(title)
