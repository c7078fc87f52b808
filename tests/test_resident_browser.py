"""What a resident meets in Chromium (issue 19, items 6 and 8-10): the step-by-step as a screen
reader gets it, a 320 px phone in English and Arabic, and the printed A4 read back from the PDF.

The run's shared build of the sample site, served on 127.0.0.1, and one headless Chromium.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pypdfium2
import pytest

from plainpath.accessibility.browser import Browser

REPO = Path(__file__).parents[1]
STEP_BY_STEP = "flows/parking-permit/"
PHONE = 320


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site


def words(text: str) -> str:
    """Accessible names as a screen reader says them: "Step 1 : Check" -> "Step 1: Check"."""
    return " ".join(text.split()).replace(" :", ":")


def accessibility_tree(browser: Browser) -> list[dict]:
    """Chromium's own accessibility tree (what a screen reader is given), in document order."""
    nodes = browser.cdp("Accessibility.getFullAXTree", {})["nodes"]
    by_id = {node["nodeId"]: node for node in nodes}
    ordered: list[dict] = []

    def walk(node_id: str) -> None:
        node = by_id[node_id]
        if not node.get("ignored"):
            properties = {item["name"]: item["value"].get("value") for item in node.get("properties", [])}
            ordered.append({"role": node.get("role", {}).get("value"),
                            "name": words(node.get("name", {}).get("value", "")),
                            "description": words(node.get("description", {}).get("value", "")), **properties})
        for child in node.get("childIds", []):
            if child in by_id:
                walk(child)

    walk(nodes[0]["nodeId"])
    return ordered


STEP_BUTTONS = [
    "Step 1: Check you can get a permit",
    "Step 2: Get your documents ready",
    "Step 3: Is the car registered to you?",
    "Step 5: Apply online",
    "End: We email you your permit",
]


def step_buttons(tree: list[dict]) -> list[dict]:
    return [node for node in tree if node["role"] == "button" and node["name"].startswith(("Step ", "End:"))]


def test_each_step_is_a_heading_holding_a_button_named_with_its_number_as_govuk_builds_it(browser, site_url):
    """Issue 31.4: GOV.UK's step-by-step, not <details>: JAWS drops a heading inside <summary>
    from its headings list, Chromium called it a "disclosure triangle". Every step is in the
    headings list; each top-level heading holds a button with the step's number and name, its
    state, and the part it shows and hides."""
    browser.open(site_url + STEP_BY_STEP, width=PHONE)
    tree = accessibility_tree(browser)
    buttons = step_buttons(tree)
    assert [node["name"] for node in buttons] == STEP_BUTTONS
    assert all(node.get("expanded") is True for node in buttons)
    # A step that holds a branch's steps names them (issue 29.10): closed, it still says so.
    assert buttons[2]["description"] == "Also in this step: Step 4: Get a letter from your employer"
    assert not [node for node in tree if node["role"] == "DisclosureTriangle" and node["name"].startswith("Step ")]
    headings = [(node["level"], node["name"]) for node in tree if node["role"] == "heading"]
    # The "or" step is read inside step 3, one level down, before step 5; the end comes last.
    step_headings = [item for item in headings if item[1].startswith(("Step ", "End:"))]
    assert step_headings == [
        (2, "Step 1: Check you can get a permit"),
        (2, "Step 2: Get your documents ready"),
        (2, "Step 3: Is the car registered to you?"),
        (3, "Step 4: Get a letter from your employer"),
        (2, "Step 5: Apply online"),
        (2, "End: We email you your permit"),
    ]
    wiring = browser.driver.execute_script("""return [...document.querySelectorAll('.pp-step__toggle')].map(b =>
        [b.parentElement.tagName, b.getAttribute('aria-controls'), !!document.getElementById(b.getAttribute('aria-controls'))])""")
    assert [tag for tag, _, _ in wiring] == ["H2"] * 5 and all(found for _, _, found in wiring), wiring
    assert browser.driver.execute_script("return document.querySelectorAll('.pp-step-by-step summary, .pp-step-by-step details').length") == 0


def test_without_script_every_step_is_open_and_a_plain_heading(browser, site_url):
    browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.open(site_url + STEP_BY_STEP, width=PHONE)
        shown = browser.driver.execute_script("""return [...document.querySelectorAll('.pp-step__content')]
            .map(c => c.offsetParent !== null && !c.hidden)""")
        assert shown and all(shown)
        assert browser.driver.execute_script("return document.querySelectorAll('.pp-step__toggle').length") == 0
        assert not browser.driver.find_element("css selector", ".pp-step-by-step__controls").is_displayed()
    finally:
        browser.cdp("Emulation.setScriptExecutionDisabled", {"value": False})


def test_show_all_steps_closes_and_opens_every_step_and_says_so(browser, site_url):
    browser.open(site_url + STEP_BY_STEP, width=PHONE)
    button = browser.driver.find_element("css selector", ".pp-show-all")
    assert button.is_displayed() and button.text == "Hide all steps"
    button.click()
    tree = accessibility_tree(browser)
    assert {node.get("expanded") for node in step_buttons(tree)} == {False}
    assert [node for node in tree if node["role"] == "button" and node["name"] == "Show all steps"][0]["expanded"] is False
    assert not browser.driver.find_element("css selector", "#step-5-apply-online .pp-step__content").is_displayed()
    # One step opened by hand: not all are open, so the button still offers to show them all.
    browser.driver.find_element("css selector", "#step-1-check-you-can-apply .pp-step__toggle").click()
    assert button.text == "Show all steps"
    button.click()
    assert button.text == "Hide all steps"
    assert browser.driver.find_element("css selector", "#step-5-apply-online .pp-step__content").is_displayed()


def test_enter_and_space_toggle_a_step_from_the_keyboard_with_focus_visible(browser, site_url):
    from selenium.webdriver.common.keys import Keys

    browser.open(site_url + STEP_BY_STEP, width=PHONE)
    body = browser.driver.find_element("css selector", "body")
    for _ in range(60):  # Tab, as a keyboard user does, until the first step's button has focus
        body.send_keys(Keys.TAB) if browser.driver.switch_to.active_element == body else \
            browser.driver.switch_to.active_element.send_keys(Keys.TAB)
        if browser.driver.execute_script("return document.activeElement.matches('#step-1-check-you-can-apply .pp-step__toggle')"):
            break
    else:
        raise AssertionError("Tab never reached the first step's button")
    focused = browser.driver.switch_to.active_element
    ring = browser.driver.execute_script("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.boxShadow]")
    assert ring[0] == "solid" and ring[1] == "3px" and "255, 221, 0" in ring[2], ring
    content = browser.driver.find_element("css selector", "#step-1-check-you-can-apply .pp-step__content")
    focused.send_keys(Keys.ENTER)
    assert focused.get_attribute("aria-expanded") == "false" and not content.is_displayed()
    focused.send_keys(Keys.SPACE)
    assert focused.get_attribute("aria-expanded") == "true" and content.is_displayed()


def test_a_link_to_a_step_inside_a_closed_step_opens_it(browser, site_url):
    browser.open(site_url + STEP_BY_STEP, width=1280)
    browser.driver.find_element("css selector", ".pp-show-all").click()
    browser.driver.execute_script("window.location.hash = 'step-4-get-company-letter'")
    step_3 = browser.driver.find_element("css selector", "#step-3-is-the-car-yours .pp-step__toggle")
    assert step_3.get_attribute("aria-expanded") == "true"
    assert browser.driver.find_element("css selector", "#step-4-get-company-letter").is_displayed()


@pytest.mark.parametrize("language", ["", "es/", "ar/"])
def test_with_every_step_hidden_each_step_number_is_still_said(browser, site_url, language):
    """Issue 29.10, second pass: after "Hide all steps" the list read Step 1, 2, 3, 5, End: Step
    4 sits on a branch inside Step 3 and vanished with it, unsaid. Each closed step that holds
    others names them, in what is seen and in its button's description."""
    browser.open(site_url + language + STEP_BY_STEP, width=PHONE)
    browser.driver.find_element("css selector", ".pp-show-all").click()
    said = browser.driver.execute_script(
        "return Array.from(document.querySelectorAll('.pp-steps > li > .pp-step__title, .pp-steps > li > .pp-step__includes'))"
        ".filter(s => s.offsetParent !== null).map(s => s.innerText).join(' | ')")
    numbers = [int(n) for n in re.findall(r"(\d+)\s*:", said)]
    hidden_inside = browser.driver.execute_script("return document.querySelectorAll('.pp-step--alternative').length")
    assert hidden_inside, "the sample flow has a step on a branch"
    assert sorted(set(numbers)) == list(range(1, max(numbers) + 1)), said
    described = [node["name"] + " " + node["description"] for node in accessibility_tree(browser)
                 if node["role"] == "button" and node.get("expanded") is False]
    assert any(re.search(r"\b4\b", text) and re.search(r"\b3\b", text) for text in described), described


def test_every_404_page_sits_in_the_same_column_and_goes_home_on_this_host(browser, site_url):
    """Issue 29.12, second pass: at 1280 px the Spanish "page not found" ran flush left across the
    whole width while the English one sat in the centred column; the English one's home link
    went to the production address, away from a preview or staging copy."""
    boxes = set()
    for page in ("404.html", "es/404.html", "ar/404.html"):
        browser.open(site_url + page, 1280)
        boxes.add(tuple(browser.driver.execute_script(
            "const r = document.querySelector('.md-content').getBoundingClientRect(); return [Math.round(r.left), Math.round(r.width)]")))
    assert len(boxes) == 1, boxes
    browser.open(site_url + "404.html", 1280)
    home = browser.driver.execute_script("return Array.from(document.querySelectorAll('article p a[href]')).find(a => a.innerText === 'Go to the home page').getAttribute('href')")
    assert home == "/", home


def no_sideways_scroll(browser: Browser) -> int:
    return browser.driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("language", ["", "ar/"])
def test_the_chart_fits_a_320_px_phone_whole(browser, site_url, language):
    browser.open(site_url + language + STEP_BY_STEP, width=PHONE)
    box, picture, clipped = browser.driver.execute_script("""
        const box = document.querySelector('.pp-chart');
        const svg = box.querySelector('svg');
        const b = box.getBoundingClientRect(), s = svg.getBoundingClientRect();
        return [[b.left, b.right], [s.left, s.right], box.scrollWidth - box.clientWidth];""")
    assert box[0] >= 0 and box[1] <= PHONE
    assert picture[0] >= box[0] and picture[1] <= box[1]  # every box and arrow is inside
    assert clipped == 0
    assert no_sideways_scroll(browser) == 0


def site_pages(site: Path, prefix: str) -> list[str]:
    root = site / prefix
    return sorted(
        path.parent.relative_to(site).as_posix() + "/"
        for path in root.rglob("index.html")
        if prefix or not re.match(r"^(es|ar|fr|pt|ca)/", path.relative_to(site).as_posix())
    )


def test_no_arabic_page_scrolls_sideways_at_320_px(browser, site, site_url):
    pages = site_pages(site, "ar")
    assert len(pages) >= 15
    wide = []
    for page in pages:
        browser.open(site_url + page, width=PHONE)
        assert browser.driver.execute_script("return getComputedStyle(document.body).direction") == "rtl"
        if no_sideways_scroll(browser) > 0:
            wide.append(page)
    assert wide == []


def our_stylesheets() -> list[Path]:
    return sorted((REPO / "plugins" / "plainpath" / "theme").rglob("*.css"))


def test_our_css_uses_logical_properties_only():
    physical = re.compile(
        r"(?<![\w-])(margin|padding|border)-(left|right)(-\w+)?\s*:"
        r"|(?<![\w-])(left|right)\s*:"
        r"|(?<![\w-])(float|text-align|clear)\s*:\s*(left|right)")
    found = []
    for sheet in our_stylesheets():
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        for number, line in enumerate(text.splitlines(), start=1):
            # A reset to 0 undoes the theme's physical margins: it sets nothing on either side.
            for match in physical.finditer(line):
                value = line[match.end():].split(";")[0].split("}")[0].strip()
                if value not in ("0", "auto", "0 !important"):
                    found.append(f"{sheet.name}:{number}: {line.strip()}")
    assert our_stylesheets() and found == []


def printed_text(browser: Browser, url: str) -> list[str]:
    """Each sheet's text, as Chromium prints the page on A4 with its own print styles."""
    data = browser.cdp("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    document = pypdfium2.PdfDocument(base64.b64decode(data["data"]))
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


@pytest.mark.parametrize("language", ["", "ar/"])
def test_printed_step_by_step_has_every_step_the_chart_and_where_and_when_on_every_sheet(
        browser, site_url, language):
    url = site_url + language + STEP_BY_STEP
    browser.open(url, width=1280)
    # A resident closed every step before printing: the paper copy still has them all.
    browser.driver.find_element("css selector", ".pp-show-all").click()
    browser.driver.execute_script("""window.addEventListener('beforeprint', () => {
        window.openWhilePrinting = [...document.querySelectorAll('.pp-step__toggle')].map(b => b.getAttribute('aria-expanded') === 'true'); });""")
    sheets = printed_text(browser, url)
    everything = " ".join(sheets)
    # A closed step's content is hidden, so plainpath.js opens every step when printing starts
    # and closes them again after.
    open_while_printing = browser.driver.execute_script("return window.openWhilePrinting")
    assert open_while_printing and all(open_while_printing)
    assert not any(browser.driver.execute_script(
        "return [...document.querySelectorAll('.pp-step__toggle')].map(b => b.getAttribute('aria-expanded') === 'true')"))
    assert len(sheets) >= 2
    host = url.split("/")[2]
    for sheet in sheets:  # address and year printed on every sheet
        # PDFium reads an Arabic sheet in visual order, so the address comes back in pieces there.
        # ("/permit-parking/flows/ar://127.0.0.1:PORT/http"): the host and the page's words are there.
        assert (url in sheet if not language else host in sheet and "/permit-parking/flows/ar:" in sheet), sheet[:300]
        assert re.search(r"\b2\d{3}\b", sheet)
    # Arabic has no engine here: its step words are Arabic, the flow's own texts English.
    first_step = "Step 1 Check you can get a permit" if not language else "Check you can get a permit"
    for words_on_paper in (first_step, "The letter must say that you use the car every day",
                           "It takes about 10 minutes", "£60 a year for your first car"):
        assert words_on_paper in everything
    chart = sheets[-1]
    assert "5. Apply online" in chart and ("Flow chart" in chart or language)  # the chart's own words, on paper
    for screen_only in ("Hide all steps", "Show all steps", "Next: Step 2"):
        assert screen_only not in everything


def test_printed_english_sheet_says_address_and_date_in_words(browser, site_url):
    url = site_url + STEP_BY_STEP
    browser.open(url, width=1280)
    first = printed_text(browser, url)[0]
    assert f"Address of this page: {url}" in first
    assert re.search(r"Date printed: \d{1,2} [A-Z][a-z]+ \d{4}", first)  # "3 December 2026"


@pytest.mark.parametrize("page", ["es/parking/", "ar/parking/", "404.html"])
def test_on_a_phone_the_languages_take_one_short_line_above_the_title(browser, site_url, page):
    """Issue 29.13: eight language links sat in three rows between the breadcrumb and the
    title. On a phone one line ("Idiomas: Español") opens the list; wide screens keep the line."""
    measure = """
        const box = (s) => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
                             return {shown: e.checkVisibility(), height: Math.round(r.height)}; };
        return {line: box('.pp-languages__line'), phone: box('.pp-languages__phone'),
                links: [...document.querySelectorAll('.pp-languages a')].filter(a => a.checkVisibility()).length};"""
    browser.open(site_url + page, PHONE)
    phone = browser.driver.execute_script(measure)
    assert not phone["line"]["shown"] and phone["phone"]["shown"] and phone["phone"]["height"] <= 48
    assert phone["links"] == 0  # closed: nothing to Tab through on the way to the title
    browser.driver.execute_script("document.querySelector('.pp-languages__phone summary').click()")
    assert browser.driver.execute_script(measure)["links"] == 7
    browser.open(site_url + page, 1280)
    wide = browser.driver.execute_script(measure)
    assert wide["line"]["shown"] and not wide["phone"]["shown"] and wide["links"] == 7


@pytest.mark.parametrize(("language", "word"), [("", "Contents"), ("es/", "Contenido"), ("ar/", "المحتويات")])
def test_a_phone_shows_the_pages_contents_under_its_title_and_a_wide_screen_the_sidebar(browser, site_url, language, word):
    """Issue 29.13: the theme's table of contents is a sidebar a phone never shows; below the title,
    a phone reader gets the page's sections as links that lead to them."""
    url = site_url + language + "parking/apply/"
    browser.open(url, width=PHONE)
    driver = browser.driver
    contents = driver.find_element("css selector", ".pp-contents")
    assert contents.is_displayed() and contents.find_element("css selector", ".pp-contents__title").text == word
    assert driver.execute_script(  # straight under the title, before the page's text
        "const h1 = document.querySelector('article h1');"
        "return h1.nextElementSibling === document.querySelector('.pp-contents');")
    links = contents.find_elements("css selector", "a")
    assert len(links) == 3
    target = links[1].get_attribute("href").split("#")[1]
    links[1].click()
    assert driver.execute_script("return location.hash") == "#" + target
    assert driver.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight;", target)
    browser.open(url, width=1280)
    assert not driver.find_element("css selector", ".pp-contents").is_displayed()
    assert driver.find_element("css selector", ".md-sidebar--secondary .md-nav--secondary").is_displayed()
