"""The three renderings of a flow, from one model, checked against reviewed golden files."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from plainpath.flows.catalogue import load_catalogue
from plainpath.flows.links import FlowLinks
from plainpath.flows.markdown_body import BodyMarkdown
from plainpath.flows.render_chart import SVG, render_flow_chart
from plainpath.flows.render_steps import render_embed, render_part_of, render_step_by_step

SITE = Path(__file__).parent / "sites" / "basic"
PAGES = {"index.md", "parking/index.md", "parking/who-can-apply.md", "parking/apply.md"}
LINKS = FlowLinks(
    page_url=lambda page: "../../" + page.removesuffix(".md") + "/",
    flow_url=lambda flow_id: f"../../flows/{flow_id}/",
    page_title=lambda page: {"parking/who-can-apply.md": "Who can get a permit"}.get(page, page),
)


def parking_flow():
    return load_catalogue(SITE / "flows", SITE, PAGES).flows["parking-permit"]


def body_renderer():
    body = BodyMarkdown(["admonition", "tables"], {}, PAGES)
    return lambda flow, step: body.render(flow, step, LINKS)


def test_step_by_step_matches_golden(golden):
    golden("parking-permit.steps.html", render_step_by_step(parking_flow(), LINKS, body_renderer()))


def test_chart_svg_matches_golden(golden):
    golden("parking-permit.chart.svg", render_flow_chart(parking_flow()))


def test_step_numbers_are_part_of_heading_text_and_logic_words_are_not_headings():
    html = etree.HTML(render_step_by_step(parking_flow(), LINKS, body_renderer()))
    headings = ["".join(h.itertext()) for h in html.iter("h2")]
    assert headings[0] == "Step 1: Check you can apply"
    assert headings[-1] == "End: We send you your permit"
    logic = html.xpath("//*[contains(@class, 'pp-logic')]")
    assert [node.tag for node in logic] == ["p", "p", "p"]  # all, any, and the "or" alternative
    assert not html.xpath("//script") and not html.xpath("//*[@onclick]")


def test_chart_is_accessible_svg_with_links_to_every_step():
    flow = parking_flow()
    root = etree.fromstring(render_flow_chart(flow).encode())
    assert root.tag == f"{{{SVG}}}svg"
    assert root.find(f"{{{SVG}}}title").text == "Flow chart: Apply for a resident parking permit"
    assert "numbered list" in root.find(f"{{{SVG}}}desc").text
    targets = [link.get("href") for link in root.iter(f"{{{SVG}}}a")]
    assert targets == [f"#{flow.anchor(step)}" for step in flow.steps]
    texts = " ".join(text.text for text in root.iter(f"{{{SVG}}}text"))
    assert "3. Is the car registered" in texts and "No, it is a company car" in texts
    shapes = {node.get("id"): node.find(f".//{{{SVG}}}polygon") for node in root.iter(f"{{{SVG}}}g") if "node" in node.get("class", "").split()}
    assert shapes["chart-is-the-car-yours"].get("fill") == "#fff4c2"
    assert shapes["chart-apply-online"] is None  # rounded boxes are paths, decisions polygons


def test_every_chart_label_has_its_box_colour_as_a_css_background_for_contrast_checkers():
    """axe reads CSS backgrounds, not SVG fills: each box's group names its kind, and the theme's
    CSS gives that kind the box's fill colour, so a checker measures the real contrast."""
    import re

    from plainpath.flows.render_chart import _NODE_STYLE

    flow = parking_flow()
    root = etree.fromstring(render_flow_chart(flow).encode())
    css = (Path(__file__).parents[1] / "plugins/plainpath/theme/assets/stylesheets/plainpath.css").read_text()
    groups = {g.get("id"): g.get("class") for g in root.iter(f"{{{SVG}}}g")}
    assert groups["graph0"] == "graph pp-chart__canvas"
    for step in flow.steps:
        assert groups[f"chart-{step.id}"] == f"node pp-chart__box--{step.kind}"
    for kind, style in _NODE_STYLE.items():
        declared = re.search(rf"\.pp-chart__box--{kind} {{ background-color: (#[0-9a-f]{{6}}); }}", css)
        assert declared and declared.group(1) == style["fillcolor"], kind
    assert re.search(r"\.pp-chart svg path, [^{]*{ display: block; }", css)  # labels above their boxes


def test_rtl_chart_mirrors_answer_order():
    flow = parking_flow()

    def x_of(svg: str, node_id: str) -> float:
        root = etree.fromstring(svg.encode())
        node = next(g for g in root.iter(f"{{{SVG}}}g") if g.get("id") == node_id)
        return float(node.find(f".//{{{SVG}}}text").get("x"))

    ltr, rtl = render_flow_chart(flow), render_flow_chart(flow, rtl=True)
    assert x_of(ltr, "chart-apply-online") < x_of(ltr, "chart-get-company-letter")
    assert x_of(rtl, "chart-apply-online") > x_of(rtl, "chart-get-company-letter")


def test_part_of_box_marks_current_step_and_links_previous_and_next():
    flow = parking_flow()
    current = flow.step("apply-online")
    html = etree.HTML(render_part_of(flow, current, LINKS, lambda step: step.page))
    current_links = html.xpath("//a[@aria-current='step']")
    assert ["".join(a.itertext()) for a in current_links] == ["Step 5: Apply online"]
    assert "".join(html.xpath("//a[@rel='prev']")[0].itertext()) == "Previous: Step 4: Get a letter from your employer"
    assert html.xpath("//a[@rel='next']")[0].get("href") == "../../flows/parking-permit/#end-permit-sent"


def test_embed_lists_every_numbered_step():
    html = etree.HTML(render_embed(parking_flow(), LINKS))
    assert len(html.xpath("//ol/li")) == 5
