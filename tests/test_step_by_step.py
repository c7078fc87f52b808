"""The step-by-step list as residents read it (issue 19, items 6 and 11), on the HTML itself.

GOV.UK's 2023 audit of its step-by-step (govuk-design-system#2794, #3021) is the standard: "or"
alternatives are nested under their parent step, the step number is inside the control that
opens a step, and it all works without JavaScript. Outcomes never sit between steps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from plainpath.errors import EditorError
from plainpath.flows.icons import DEFAULT_BY_KIND, MDI_DIR, VOCABULARY, icon_path_data
from plainpath.flows.loader import load_flow
from plainpath.flows.links import FlowLinks
from plainpath.flows.render_chart import SVG, render_flow_chart
from plainpath.flows.render_steps import render_step_by_step

LINKS = FlowLinks(page_url=lambda page: page, flow_url=lambda flow_id: flow_id, page_title=lambda page: page)

# Written the way editors write: the outcome of the first question right under it, the detour
# for "No" at the very end of the file.
BRANCHING = """\
id: housing-help
title: Get help with housing
summary: Find out what help you can get.
service: housing
steps:
  - id: are-you-homeless
    decision: Are you homeless tonight?
    answers:
      - answer: "Yes"
        next: call-us
      - answer: "No"
        next: check-income

  - id: call-us
    outcome: Call our emergency line
    icon: phone
    cost: Free

  - id: check-income
    title: Check your income
    next: has-landlord

  - id: has-landlord
    decision: Do you rent from a landlord?
    answers:
      - answer: "Yes"
        next: apply
      - answer: "No"
        next: get-letter

  - id: apply
    title: Apply online
    icon: online-form
    next: decided

  - id: decided
    outcome: We tell you what help you get

  - id: get-letter
    title: Get a letter from the person you live with
    optional: true
    tasks:
      - all:
          - text: Their name
          - text: Their signature
    next: apply
"""


def load(tmp_path: Path, text: str = BRANCHING):
    path = tmp_path / "housing-help.yml"
    path.write_text(text, encoding="utf-8")
    return load_flow(path, "flows/housing-help.yml")


def html_of(flow) -> etree._Element:
    return etree.HTML(render_step_by_step(flow, LINKS, lambda f, s: s.body))


def heading_text(node) -> str:
    return " ".join("".join(node.itertext()).split())


def test_outcomes_come_after_every_step_never_between(tmp_path):
    page = html_of(load(tmp_path))
    top = page.xpath("//ol[@class='pp-steps']/li")
    kinds = [item.get("class").split()[1] for item in top]
    assert kinds == ["pp-step--decision", "pp-step--step", "pp-step--decision",
                     "pp-step--step", "pp-step--outcome", "pp-step--outcome"]
    titles = [heading_text(item.xpath(".//h2")[0]) for item in top]
    assert titles[0] == "Step 1: Are you homeless tonight?"
    assert titles[-2:] == ["End: Call our emergency line", "End: We tell you what help you get"]


def test_or_alternative_is_an_h3_inside_its_parent_step_and_numbers_follow_reading_order(tmp_path):
    flow = load(tmp_path)
    page = html_of(flow)
    parent = page.xpath("//ol[@class='pp-steps']/li[@id='step-3-has-landlord']")[0]
    nested = parent.xpath(".//ol[contains(@class, 'pp-steps--alternatives')]/li")
    assert [item.get("id") for item in nested] == ["step-4-get-letter"]
    assert heading_text(nested[0].xpath("h3")[0]) == "Step 4: Get a letter from the person you live with"
    assert not nested[0].xpath(".//h2")
    # Issue 29.10: both branches are introduced alike ("If your answer is No:"), never "Or, ...".
    branch = heading_text(parent.xpath(".//p[contains(@class,'pp-logic--or')]")[0])
    assert branch.startswith("If your answer is No") and "Or," not in branch
    # The detour is written last in the file, but is read (and numbered) under its question.
    assert flow.number(flow.step("get-letter")) == 4 and flow.number(flow.step("apply")) == 5
    assert not page.xpath("//ol[@class='pp-steps']/li[@id='step-4-get-letter']")


def test_every_step_is_a_heading_then_its_content_open_without_javascript(tmp_path):
    """GOV.UK's markup (issue 31.4): a heading, then the content the script's button will show and
    hide (its id is what the button's aria-controls names); no <details>, no heading in a <summary>."""
    page = html_of(load(tmp_path))
    for item in page.xpath("//ol[@class='pp-steps']/li"):
        heading, content = item.xpath("./h2")[0], item.xpath("./div[contains(@class, 'pp-step__content')]")[0]
        assert heading_text(heading).startswith(("Step ", "End: ")), heading_text(heading)
        assert content.get("id") == f"{item.get('id')}-content" and content.get("hidden") is None
    assert not page.xpath("//details | //summary")
    controls = page.xpath("//div[@class='pp-step-by-step__controls']")[0]
    assert controls.get("hidden") is not None  # no dead button without JavaScript
    button = controls.xpath("button")[0]
    assert button.get("type") == "button" and button.get("aria-expanded") == "true"
    assert button.get("data-show") == "Show all steps"


def test_step_pictures_are_hidden_from_screen_readers_and_default_by_kind(tmp_path):
    flow = load(tmp_path)
    page = html_of(flow)
    icons = page.xpath("//span[contains(@class,'pp-step__icon')]")
    assert len(icons) == len(flow.steps)
    assert all(icon.get("aria-hidden") == "true" for icon in icons)
    drawn = {item.get("id"): item.xpath(".//span[contains(@class,'pp-step__icon')]//*[local-name()='path']/@d")[0]
             for item in page.xpath("//li[contains(@class,'pp-step')]")}
    assert drawn["end-call-us"] == icon_path_data("phone")
    assert drawn["step-5-apply"] == icon_path_data("online-form")
    assert drawn["step-1-are-you-homeless"] == icon_path_data(DEFAULT_BY_KIND["decision"])
    assert drawn["end-decided"] == icon_path_data(DEFAULT_BY_KIND["outcome"])
    assert drawn["step-4-get-letter"] == icon_path_data("tasks")  # a step with a task list


def test_the_chart_marks_optional_steps_and_draws_each_picture(tmp_path):
    flow = load(tmp_path)
    root = etree.fromstring(render_flow_chart(flow).encode())
    node = root.xpath("//svg:g[@id='chart-get-letter']", namespaces={"svg": SVG})[0]
    words = " ".join(text.text for text in node.iter(f"{{{SVG}}}text"))
    assert "(if it applies to you)" in words
    assert any(shape.get("stroke-dasharray") for shape in node.iter(f"{{{SVG}}}path", f"{{{SVG}}}polygon"))
    icons = root.xpath("//svg:path[@class='pp-chart__icon']", namespaces={"svg": SVG})
    assert len(icons) == len(flow.steps) and all(icon.get("aria-hidden") == "true" for icon in icons)
    phone = root.xpath("//svg:g[@id='chart-call-us']//svg:path[@class='pp-chart__icon']", namespaces={"svg": SVG})
    assert phone[0].get("d") == icon_path_data("phone")


def test_every_word_of_the_vocabulary_is_an_icon_shipped_with_the_theme():
    assert 30 <= len(VOCABULARY) <= 40
    for word, name in VOCABULARY.items():
        assert (MDI_DIR / f"{name}.svg").is_file(), word
        assert icon_path_data(word)[:1] in ("M", "m")  # an SVG path starts with a move-to
    documented = (Path(__file__).parents[1] / "docs" / "flow-format.md").read_text(encoding="utf-8")
    assert all(f"| `{word}` |" in documented for word in VOCABULARY)


def test_an_unknown_picture_word_names_the_line_and_the_closest_word(tmp_path):
    text = BRANCHING.replace("icon: phone", "icon: phnoe")
    with pytest.raises(EditorError) as caught:
        load(tmp_path, text)
    message = str(caught.value)
    assert "flows/housing-help.yml', line 16" in message
    assert "Did you mean 'phone'?" in message


@pytest.fixture(scope="module")
def site_with_a_step_page_that_embeds_its_flow(tmp_path_factory, sample_project_copier) -> Path:
    """The sample site, where the page for "Apply online" also embeds the parking permit flow."""
    from plainpath.site_build import build_site

    project = sample_project_copier(tmp_path_factory.mktemp("one-box") / "project")
    page = project / "content" / "parking" / "apply.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[[flow parking-permit]]\n", encoding="utf-8")
    # The detour for "No, it is a company car" written last in the file: lists must still number it 4.
    flow = project / "flows" / "parking-permit.yml"
    text = flow.read_text(encoding="utf-8")
    start = text.index("  - id: get-company-letter")
    end = text.index("  - id: ", start + 1)
    flow.write_text(text[:start] + text[end:].rstrip("\n") + "\n\n" + text[start:end].rstrip("\n") + "\n",
                    encoding="utf-8")
    result = build_site(project, project.parent / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return project.parent / "site"


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_a_step_page_that_embeds_its_flow_shows_one_box_with_its_step_marked(
        site_with_a_step_page_that_embeds_its_flow, prefix):
    site = site_with_a_step_page_that_embeds_its_flow
    page = etree.HTML((site / prefix / "parking/apply/index.html").read_text(encoding="utf-8"))
    boxes = page.xpath("//*[@data-flow='parking-permit' or @aria-labelledby='pp-part-of-parking-permit']")
    assert [box.get("class") for box in boxes] == ["pp-flow-embed"]
    current = boxes[0].xpath(".//a[@aria-current='step']")
    assert len(current) == 1 and heading_text(current[0]).startswith(("Step 5", "Paso 5"))
    # A step page that does not embed the flow keeps its "Part of" box, in reading order.
    other = etree.HTML((site / prefix / "parking/who-can-apply/index.html").read_text(encoding="utf-8"))
    part_of = other.xpath("//aside[@class='pp-part-of']")
    assert len(part_of) == 1 and not other.xpath("//*[@class='pp-flow-embed']")
    links = part_of[0].xpath(".//ol/li/a")
    step = "Paso" if prefix else "Step"
    assert [heading_text(link).split(":")[0] for link in links] == [f"{step} {n}" for n in range(1, 6)]
    assert "get-company-letter" in links[3].get("href")  # the detour, 4th though written last


def test_a_list_of_the_steps_says_which_steps_are_for_one_answer_only(tmp_path):
    """Issue 29.10: the "Steps to" and "Part of" boxes read as a straight 1-2-3-4-5; the step
    taken for one answer only now says which answer."""
    from plainpath.flows.render_steps import render_embed

    from lxml import html as lxml_html

    flow = load(tmp_path)
    box = lxml_html.fromstring(render_embed(flow, LINKS))
    items = [" ".join(li.text_content().split()) for li in box.xpath("//ol/li")]
    assert items[3] == "Step 4: Get a letter from the person you live with (If your answer is No)", items
    assert all("If your answer" not in item for n, item in enumerate(items) if n != 3)
