"""A council-sized reference site, generated: what real guidance looks like, at any size.

Not the published sample. For benchmarks (``bench/site_bench.py``) and tests (at a small size):
N pages in service sections three levels deep (topic / service / detail), each section at most
20 pages; pages with headings, lists, tables, pictures with alt text, links to PDF, DOCX and ODT
forms (some with a Spanish version, ``form.es.pdf``), partner links, a step-by-step embedded
every few pages, and every 25th page over 2,000 words. The sentences are the test corpus's
(``tests/fixtures/corpus``), the same source as the earlier bench, so machine translation is real.

    from reference_site import make_reference_site
    make_reference_site(folder, pages=100, languages=["es", "fr"], plainpath=True)
"""

from __future__ import annotations

import io
import math
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SENTENCES = [line.split("\t")[0] for line in
             (REPO / "tests/fixtures/corpus/en-es.tsv").read_text(encoding="utf-8").splitlines()
             if line.split("\t")[0].endswith(".")]
TOPICS = [
    ("bins", "Bins and recycling", ["garden waste bin", "recycling box", "food waste caddy", "bulky waste collection"]),
    ("parking", "Parking and roads", ["resident parking permit", "visitor parking permit", "blue badge", "dropped kerb"]),
    ("council-tax", "Council tax", ["council tax discount", "council tax payment", "council tax support", "single person discount"]),
    ("housing", "Housing", ["housing application", "home repair", "homelessness advice", "adapted home"]),
    ("benefits", "Benefits and support", ["housing benefit", "free school meals", "hardship fund", "crisis payment"]),
    ("planning", "Planning and building", ["planning application", "building control visit", "tree works permission", "street name"]),
    ("schools", "Schools and education", ["school place", "school transport pass", "uniform grant", "nursery place"]),
    ("noise", "Noise and nuisance", ["noise complaint", "bonfire complaint", "pest control visit", "fly-tipping report"]),
    ("libraries", "Libraries and leisure", ["library card", "room booking", "sports pass", "allotment plot"]),
    ("care", "Adult social care", ["care assessment", "carer's assessment", "meals at home", "home care visit"]),
    ("licences", "Licences and permits", ["street trading licence", "taxi licence", "skip permit", "event licence"]),
    ("registrations", "Births, deaths and marriages", ["birth registration", "death registration", "marriage booking", "copy certificate"]),
]
ACTIONS = ["Apply for a", "Pay for a", "Change your", "Cancel a", "Renew a", "Check your", "Report a problem with a"]
HEADINGS = ["What you need", "How to apply", "What happens next", "What it costs", "Who can get help", "If you disagree"]
FORM_KINDS = ["pdf", "docx", "odt"]
SECTION_SIZE = 20  # pages in a service section, its index page included
PICTURES = 8
NAMES = {"es": "Español", "fr": "Français", "pt": "Português", "ca": "Català"}


@dataclass
class Section:
    """A folder of pages: its index page and the pages and sections below it."""

    folder: str
    title: str
    summary: str
    pages: list[str] = field(default_factory=list)  # src_uris of its pages (index apart)
    children: list[Section] = field(default_factory=list)


def sentence(k: int) -> str:
    return SENTENCES[k % len(SENTENCES)]


def make_reference_site(folder: Path, pages: int, languages: list[str], plainpath: bool = True,
                        engines: tuple[str, ...] = ("apertium",)) -> Path:
    """Write a project of ``pages`` pages (home and section pages included) into ``folder``."""
    content = folder / "content"
    content.mkdir(parents=True)
    _write_pictures(content / "assets" / "images")
    topics = _plan(pages)
    all_pages = [uri for topic in topics for uri in _uris(topic)]
    written = {"index.md"}
    _write(content / "index.md", _page("Eastmere council services", "Find council services and how to use them.",
                                       "home", 0, all_pages, "index.md", short=True))
    flows: list[str] = []
    number = 1
    for topic in topics:
        for section in [topic, *topic.children, *(g for c in topic.children for g in c.children)]:
            index_uri = f"{section.folder}/index.md"
            _write(content / index_uri, _page(section.title, section.summary, section.folder.split("/")[0],
                                              number, all_pages, index_uri, short=True))
            written.add(index_uri)
            number += 1
            for uri in section.pages:
                flow_id = ""
                if number % 7 == 0:
                    flow_id = f"steps-{len(flows)}"
                    flows.append(_flow(flow_id, uri, section.title, number))
                _write(content / uri, _page(_title(number, section), sentence(number * 3 + 1),
                                            section.folder.split("/")[0], number, all_pages, uri, flow_id=flow_id,
                                            long=number % 25 == 0))
                _write_forms(content / uri, number, spanish=number % 6 == 0)
                written.add(uri)
                number += 1
    flow_dir = folder / "flows"
    flow_dir.mkdir()
    for text in flows:
        flow_id = text.split("\n", 1)[0].removeprefix("id: ")
        _write(flow_dir / f"{flow_id}.yml", text)
    _write(folder / "mkdocs.yml", _mkdocs_yml(languages, plainpath, engines))
    return folder


def _plan(pages: int) -> list[Section]:
    """Topics (level 1), services of at most SECTION_SIZE pages (level 2), and every third
    service with a detail folder (level 3)."""
    topic_count = max(2, min(len(TOPICS), pages // 40))
    left = pages - 1 - topic_count
    service_count = max(topic_count, math.ceil(left / SECTION_SIZE))
    topics = [Section(folder, title, f"What the council does for {title.lower()} and how to use it.")
              for folder, title, _ in TOPICS[:topic_count]]
    services = []
    for index in range(service_count):
        topic = topics[index % topic_count]
        thing = TOPICS[index % topic_count][2][(index // topic_count) % 4]
        name = thing.replace("'", "").replace(" ", "-") + (f"-{index // (topic_count * 4) + 1}" if index >= topic_count * 4 else "")
        service = Section(f"{topic.folder}/{name}", thing.capitalize() + (f" {index // (topic_count * 4) + 1}" if index >= topic_count * 4 else ""),
                          f"Everything about your {thing}.")
        topic.children.append(service)
        services.append(service)
    left -= service_count  # their index pages
    for index in range(max(0, left)):
        service = services[index % service_count]
        if (index // service_count) % 4 == 3 and services.index(service) % 3 == 0:
            if not service.children:
                service.children.append(Section(f"{service.folder}/details", f"More about the {service.title.lower()}",
                                                f"Detailed rules for the {service.title.lower()}."))
                continue  # the detail folder's index takes this page's place
            target = service.children[0]
        else:
            target = service
        target.pages.append(f"{target.folder}/page-{len(target.pages) + 1}.md")
    return topics


def _uris(section: Section) -> list[str]:
    uris = [f"{section.folder}/index.md", *section.pages]
    for child in section.children:
        uris += _uris(child)
    return uris


def _title(number: int, section: Section) -> str:
    thing = section.title.removeprefix("More about the ").lower()
    return f"{ACTIONS[number % len(ACTIONS)]} {thing} ({number})"


def _page(title: str, summary: str, service: str, number: int, all_pages: list[str], uri: str,
          flow_id: str = "", short: bool = False, long: bool = False) -> str:
    depth = uri.count("/")
    up = "../" * depth
    partners = ""
    if number % 5 == 0:
        partners = ("partners:\n  - name: Citizens Advice\n    what: Free advice on money and your rights.\n"
                    "    link: https://www.citizensadvice.org.uk/\n")
    front = (f"---\ntitle: {title}\nsummary: {summary}\nservice: {service}\nowner: Customer services team\n"
             f"last_reviewed: 2026-11-01\n{partners}---\n\n")
    body = [f"{sentence(number)} {sentence(number + 1)}", ""]
    if flow_id:
        body += [f"[[flow {flow_id}]]", ""]
    if short:
        return front + "\n".join(body)
    others = [all_pages[(number * step) % len(all_pages)] for step in (3, 11)]
    links = [f"[{'related guidance' if k else 'more help'}]({_relative(other, uri)})" for k, other in enumerate(others)]
    body += [f"You can also read {links[0]} and {links[1]}.", ""]
    repeats = 12 if long else 1
    for repeat in range(repeats):
        for index, heading in enumerate(HEADINGS[:4]):
            label = heading if repeat == 0 else f"{heading} ({repeat + 1})"
            body += [f"## {label}", "", " ".join(sentence(number + index + k + repeat) for k in range(3)), ""]
            if long:
                body += [" ".join(sentence(number + index + k + repeat + 5) for k in range(3)), "",
                         " ".join(sentence(number + index + k + repeat + 9) for k in range(3)), ""]
    body += ["- " + sentence(number + 10), "- " + sentence(number + 11), "- " + sentence(number + 12), ""]
    if number % 2:
        body += ["1. " + sentence(number + 13), "2. " + sentence(number + 14), ""]
    if number % 3 == 0:
        body += ["| What | Cost |", "| --- | --- |", f"| First one | £{number % 90 + 10} |", "| Each extra one | £20 |", ""]
    if number % 4 == 0:
        body += [f"![A photo that shows what to do, number {number % PICTURES + 1}]({up}assets/images/picture-{number % PICTURES + 1}.png)", ""]
    if number % 3 != 1:
        kind = FORM_KINDS[number % 3]
        body += [f"Fill in the [application form](form-{number}.{kind}) and send it to us.", ""]
    return front + "\n".join(body)


def _relative(target: str, source: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def _write_forms(page: Path, number: int, spanish: bool) -> None:
    if number % 3 == 1:
        return
    kind = FORM_KINDS[number % 3]
    target = page.parent / f"form-{number}.{kind}"
    target.write_bytes(_document(kind, f"Application form {number}", 4000 + (number * 997) % 200_000))
    if spanish:
        target.with_name(f"form-{number}.es.{kind}").write_bytes(
            _document(kind, f"Formulario de solicitud {number}", 3000 + (number * 991) % 150_000))


def _document(kind: str, title: str, size: int) -> bytes:
    """A small real document of about ``size`` bytes (PDF text, or an Office/ODF zip)."""
    padding = ("x" * size).encode()
    if kind == "pdf":
        return (b"%PDF-1.4\n% " + title.encode() + b"\n1 0 obj << /Type /Catalog >> endobj\n%"
                + padding + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f"<doc><title>{title}</title><pad>{padding.decode()}</pad></doc>")
    return buffer.getvalue()


def _write_pictures(folder: Path) -> None:
    folder.mkdir(parents=True)
    for number in range(1, PICTURES + 1):
        width, height = 320, 200
        colour = bytes(((number * 53) % 256, (number * 97) % 256, (number * 151) % 256))
        raw = b"".join(b"\x00" + colour * width for _ in range(height))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
               + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
        (folder / f"picture-{number}.png").write_bytes(png)


def _flow(flow_id: str, page_uri: str, service_title: str, number: int) -> str:
    return f"""id: {flow_id}
title: Get your {service_title.lower()} ({number})
summary: The steps to get your {service_title.lower()}.
service: {page_uri.split("/")[0]}
steps:
  - id: check
    title: Check you can apply
    page: {page_uri}
    next: ready
  - id: ready
    decision: Do you have your documents?
    answers:
      - answer: "Yes"
        next: apply
      - answer: "No"
        next: gather
  - id: gather
    title: Get your documents ready
    next: apply
  - id: apply
    title: Apply online
    next: done
  - id: done
    outcome: We send you a reply
    time: Within 10 working days
"""


def _mkdocs_yml(languages: list[str], plainpath: bool, engines: tuple[str, ...]) -> str:
    theme = f"  custom_dir: {REPO / 'plugins/plainpath/theme'}\n" if plainpath else ""
    plugins = "  - search\n"
    if plainpath:
        langs = "".join(_language(code, engines) for code in languages)
        plugins += ("  - plainpath/pages\n  - plainpath/flows\n  - plainpath/i18n:\n      languages:\n"
                    + (langs or "        []\n") + "  - plainpath/readability\n  - plainpath/links\n")
    return (f"site_name: Eastmere council services\nsite_url: https://example.gov.uk/\ndocs_dir: content\n"
            f"theme:\n  name: material\n{theme}  font: false\nmarkdown_extensions:\n  - admonition\n  - tables\n  - toc\n"
            f"plugins:\n{plugins}")


def _language(code: str, engines: tuple[str, ...]) -> str:
    """Arabic has no offline engine here: published in English, with a notice, right to left."""
    if code == "ar":
        return "        - code: ar\n          name: العربية\n          dir: rtl\n          engines: [argos]\n          when_no_engine: english\n"
    return f"        - code: {code}\n          name: {NAMES.get(code, code)}\n          engines: [{', '.join(engines)}]\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
