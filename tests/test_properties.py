"""Property tests (hypothesis): reviewed translations are never lost, and markup survives
segmentation; the flow loader answers any input with an editor error or a flow, never a crash."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import polib
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from markdown_it import MarkdownIt

from plainpath.errors import EditorError, EditorErrors
from plainpath.flows.catalogue import load_catalogue
from plainpath.translation.engine import Provenance
from plainpath.translation.glossary import Glossary
from plainpath.translation.memory import TranslationMemory
from plainpath.translation.pipeline import LanguageTranslator
from plainpath.translation.segments import MarkdownText, Segment

WORDS = ["permit", "council", "tax", "apply", "pay", "online", "form", "home", "car", "noise", "bin", "week"]


class MarkupKeepingEngine:
    """A deterministic stand-in for a machine translator that keeps tags, like Apertium does."""

    name = "test"
    supports_markup = True

    def can_serve(self, source: str, target: str) -> bool:
        return True

    def provenance(self, source: str, target: str) -> Provenance:
        return Provenance("test", "upper", "1")

    def translate_batch(self, segments, source, target, on_progress=None):
        return [re.sub(r">([^<]*)<", lambda m: ">" + m.group(1).upper() + "<", f">{text}<")[1:-1] for text in segments]


sentences = st.lists(st.sampled_from(WORDS), min_size=2, max_size=6).map(lambda w: " ".join(w).capitalize() + ".")


class TranslationHistory(RuleBasedStateMachine):
    """Random edits, reviews, renames and rebuilds of a three-page site's Spanish memory."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="plainpath-property-"))
        self.po_path = self.folder / "es.po"
        self.pages = {f"page-{n}.md": [f"Paragraph {n} {w}." for w in ("one", "two", "three")] for n in range(3)}
        self.reviewed: dict[tuple[str, int], str] = {}  # slot -> what a person wrote
        self.reviews = 0
        self.rebuild()

    def segments(self) -> list[Segment]:
        return [Segment(f"content/{name}", text, 1) for name, texts in self.pages.items() for text in texts]

    @rule()
    def rebuild(self) -> None:
        memory = TranslationMemory(self.po_path, "es", "translations/es.po")
        self.translator = LanguageTranslator("es", memory, [MarkupKeepingEngine()], Glossary(), lambda _: None)
        self.translator.prepare(self.segments())
        memory.save()

    @rule(data=st.data(), text=sentences)
    def edit_english(self, data, text: str) -> None:
        name = data.draw(st.sampled_from(sorted(self.pages)))
        index = data.draw(st.integers(0, 2))
        if text not in self.pages[name]:
            self.pages[name][index] = text

    @rule(data=st.data())
    def review(self, data) -> None:
        """A person approves (and rewrites) the current translation of one paragraph, in the PO file."""
        self.rebuild()
        name = data.draw(st.sampled_from(sorted(self.pages)))
        index = data.draw(st.integers(0, 2))
        po = polib.pofile(str(self.po_path))
        entry = po.find(self.pages[name][index], msgctxt=f"content/{name}")
        assert entry is not None
        self.reviews += 1
        entry.msgstr = f"Revisado {self.reviews}."
        entry.flags = []
        po.save()
        self.reviewed[(name, index)] = entry.msgstr

    @rule(data=st.data())
    def rename_page(self, data) -> None:
        name = data.draw(st.sampled_from(sorted(self.pages)))
        new = f"moved-{self.reviews}-{name}"
        if new not in self.pages:
            self.pages[new] = self.pages.pop(name)
            self.reviewed = {((new if page == name else page), i): text for (page, i), text in self.reviewed.items()}

    @invariant()
    def nothing_reviewed_is_lost(self) -> None:
        self.rebuild()
        published = {self.translator.render(segment).text for segment in self.segments()}
        in_po = {entry.msgstr for entry in polib.pofile(str(self.po_path))}
        for text in self.reviewed.values():
            assert text in in_po, f"{text} is gone from the PO file"
            assert text in published, f"{text} is no longer published"
        for segment in self.segments():
            assert self.translator.memory.lookup(segment.context, segment.source) is not None


TestTranslationHistory = TranslationHistory.TestCase
TestTranslationHistory.settings = settings(max_examples=60, stateful_step_count=15, deadline=None,
                                           suppress_health_check=[HealthCheck.too_slow])


# --- segmenter: any page made of words, links, code and emphasis keeps them all ---

word = st.sampled_from(WORDS)
link = st.tuples(st.lists(word, min_size=1, max_size=3), st.sampled_from(["a.md", "b/c.md#part", "https://gov.uk/x"])).map(
    lambda t: f"[{' '.join(t[0])}]({t[1]})")
code = st.sampled_from(["`EB-1`", "`a_b`", "``x`y``"])
emphasis = st.tuples(st.sampled_from(["**", "*", "_"]), word).map(lambda t: f"{t[0]}{t[1]}{t[0]}")
inline = st.lists(st.one_of(word, word, link, code, emphasis), min_size=1, max_size=12).map(" ".join)
block = st.one_of(
    inline.map(lambda s: s + "."),
    inline.map(lambda s: "## " + s),
    st.lists(inline, min_size=1, max_size=3).map(lambda items: "\n".join("- " + i for i in items)),
)
_MD = MarkdownIt("commonmark")


def markup_of(markdown: str) -> tuple[list, list, int]:
    links, codes, emphasis_count = [], [], 0
    for token in _MD.parse(markdown):
        for child in token.children or []:
            if child.type == "link_open":
                links.append(child.attrGet("href"))
            elif child.type == "code_inline":
                codes.append(child.content)
            elif child.type in ("em_open", "strong_open"):
                emphasis_count += 1
    return links, codes, emphasis_count


@settings(max_examples=150, deadline=None)
@given(st.lists(block, min_size=1, max_size=6).map("\n\n".join))
def test_segment_then_rebuild_keeps_links_code_and_emphasis(page):
    text = MarkdownText(page, "content/x.md")
    rebuilt = text.rebuild(lambda segment: segment.source)
    assert markup_of(rebuilt) == markup_of(page)


@settings(max_examples=100, deadline=None)
@given(st.lists(block, min_size=1, max_size=4).map("\n\n".join))
def test_translation_through_tags_keeps_links_code_and_emphasis(page):
    folder = Path(tempfile.mkdtemp(prefix="plainpath-tags-"))
    memory = TranslationMemory(folder / "es.po", "es", "translations/es.po")
    translator = LanguageTranslator("es", memory, [MarkupKeepingEngine()], Glossary(), lambda _: None)
    text = MarkdownText(page, "content/x.md")
    translator.prepare(text.segments)
    translated = text.rebuild(lambda segment: translator.render(segment).text)
    assert markup_of(translated) == markup_of(page)


# --- the flow loader: editor errors or a flow, never a crash ---

keys = st.sampled_from(["id", "title", "summary", "service", "steps", "next", "decision", "answers",
                        "answer", "outcome", "page", "body", "tasks", "any", "all", "text", "optional", "x"])
scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=12), word)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)), max_leaves=25)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)), st.text(max_size=200)))
def test_the_flow_loader_answers_any_file_with_an_editor_error_or_a_flow(source):
    root = Path(tempfile.mkdtemp(prefix="plainpath-fuzz-"))
    (root / "flows").mkdir()
    (root / "flows" / "x.yml").write_text(source, encoding="utf-8")
    try:
        load_catalogue(root / "flows", root, {"a.md"})
    except (EditorError, EditorErrors) as error:
        assert "flows/x.yml" in str(error)
