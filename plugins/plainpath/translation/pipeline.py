"""One language's translation run: memory first, then one batched engine call for what is new.

Segments whose English is unchanged are never sent to an engine again. A segment whose English
changed is matched to its old entry: machine output is re-translated, a person's translation is
kept and marked stale. Every engine result must keep its links, code and glossary terms; one that
does not is retried run by run, then published in English with a warning.
"""

from __future__ import annotations

import difflib
import functools
import html
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tqdm import tqdm

from plainpath.errors import EditorError, SourceLocation
from plainpath.translation.engine import TranslationEngine
from plainpath.translation.glossary import Glossary, term_pattern
from plainpath.translation.inline_markup import MarkupMismatch, Tagged, from_tagged, to_tagged
from plainpath.translation.meaning_checks import check_pairs, checks_fingerprint
from plainpath.translation.memory import (
    CHECK_FAILED,
    MACHINE,
    MACHINE_PREFIX,
    REVIEWED,
    STALE,
    TranslationMemory,
    status_of,
    was_checked,
)
from plainpath.translation.risk import risk_reasons
from plainpath.translation.written_text import written_text
from plainpath.translation.runs import join_runs, text_runs
from plainpath.translation.segments import Segment

ENGLISH = "english"
HELD_BACK = "held-back"  # machine text that failed a meaning check, shown in English instead
SHOWN_IN_ENGLISH = frozenset({ENGLISH, HELD_BACK})  # what a reader gets in English, marked lang="en"
PUBLISH_POLICIES = ("machine", "checked", "reviewed")
# A "<" after an odd number of backslashes is Markdown for a literal "<"; after an even number
# ("\\<img") the backslashes escape each other and the tag is real.
_TAG = re.compile(r"(?<!\\)(?:\\\\)*(?P<tag><[A-Za-z/!?][^\s>/]*)")
# attr_list's "{: href=...}" / "{#id}" / "{.class}" after an element: it can change a link's target
_ATTRIBUTES = re.compile(r"(?<!\\)\{\s*[:#.]")
SIMILAR_ENOUGH = 0.5


@dataclass(frozen=True)
class Rendering:
    """What a reader gets for one segment and who wrote it: reviewed, stale, machine, english,
    or held-back (machine text the publishing policy keeps back: English is shown)."""

    text: str
    status: str


@dataclass
class _Pending:
    context: str
    source: str
    previous: str | None
    tagged: Tagged = field(default_factory=lambda: Tagged(""))


@dataclass
class LanguageTranslator:
    """Fills one language's memory for a set of segments and renders each of them."""

    lang: str
    memory: TranslationMemory
    engines: Sequence[TranslationEngine]
    glossary: Glossary
    warn: Callable[[str], None]
    stale_shows: str = "reviewed"
    sent_to_engine: int = 0
    # What machine text may be published: all ("machine"), only text that passes every meaning
    # check ("checked"), or none ("reviewed"). Meaning checks run when ``check_meaning``.
    publish: str = "machine"
    check_meaning: bool = False
    round_trip_min: float | None = None
    # Files whose texts are labels with no sentence around them (the site's name in mkdocs.yml):
    # an engine given "... guidance" alone answers "Guiaje". A person translates them in the PO
    # file; until then they are shown in English.
    label_contexts: frozenset[str] = frozenset()
    # Text a resident acts on (risk.py): "checked" needs every check and the stricter round
    # trip, "reviewed" a person's translation, "like-other-text" what ``publish`` says.
    risky_text: str = "like-other-text"
    risky_round_trip_min: float | None = None
    # Told, once per segment, what needs a translator but must not stop an English build (a
    # person's translation whose English changed its links): ``plainpath check`` lists it.
    notice: Callable[[str, SourceLocation], None] = lambda text, where: None
    _noticed: set = field(default_factory=set, repr=False)

    def prepare(self, segments: Sequence[Segment], complete: bool = True) -> None:
        """Bring the memory up to date with ``segments`` (all of the site when ``complete``)."""
        by_context: dict[str, list[str]] = {}
        for segment in segments:
            sources = by_context.setdefault(segment.context, [])
            if segment.source not in sources:
                sources.append(segment.source)
        pending: list[_Pending] = []
        self._live_contexts = set(by_context)
        self._written_now = self._local_provenance()
        for context, sources in by_context.items():
            pending += self._reconcile(context, sources)
        if complete:
            for entry in self.memory.all_entries():
                if (entry.msgctxt or "") not in by_context and not entry.obsolete:
                    self.memory.retire(entry)
        pending = self._use_written_text(by_context, pending)
        pending = self._leave_labels_to_people(by_context, pending)
        if pending and self._engine() is not None:
            self._machine_translate(pending)
        elif pending:
            for item in pending:
                self.memory.add_untranslated(item.context, item.source)
        if self.check_meaning:
            self._check_machine_text(by_context)

    def _check_machine_text(self, by_context: dict[str, list[str]]) -> None:
        """Judge every machine entry in use that has not been judged yet (new engine output,
        or a memory from before the checks) and write the verdict into it."""
        risky_min = self.risky_round_trip_min if self.risky_text == "checked" else None
        fingerprint = checks_fingerprint(self.lang, self.round_trip_min, self.glossary.terms_for(self.lang), risky_min)
        again = self.memory.checks_fingerprint != fingerprint  # the checks changed: judge all again
        entries = [entry for context, sources in by_context.items() for source in sources
                   if (entry := self.memory.lookup(context, source)) is not None and entry.msgstr
                   and status_of(entry) == MACHINE and (again or not was_checked(entry))]
        if entries:
            verdicts = check_pairs([(entry.msgid, entry.msgstr) for entry in entries], self.lang,
                                   self.glossary.terms_for(self.lang), self.round_trip_min, risky_min)
            for entry, failures in zip(entries, verdicts):
                self.memory.record_checks(entry, [failure.comment() for failure in failures])
        self.memory.checks_fingerprint = fingerprint

    def _use_written_text(self, by_context: dict[str, list[str]], pending: list[_Pending]) -> list[_Pending]:
        """Interface words and answer words written for this language replace engine output
        (never a person's entry, reviewed or draft); returns what is still left for an engine."""
        written = written_text(self.lang)
        answers_too = self._engine() is not None
        for context, sources in by_context.items():
            for source in sources:
                text = written.translation(context, source, answers_too)
                entry = self.memory.lookup(context, source)
                # Only an engine's output gives way: a translator's fuzzy draft is their work.
                if text is not None and (entry is None or MACHINE in entry.flags or not entry.msgstr):
                    if entry is not None:  # a tampered entry is still named, not silently replaced
                        _check_translation(self.memory, entry)
                    self.memory.add_written(context, source, text, written.origin)
        return [item for item in pending if written.translation(item.context, item.source, answers_too) is None]

    def _leave_labels_to_people(self, by_context: dict[str, list[str]], pending: list[_Pending]) -> list[_Pending]:
        """Labels never go to an engine, and an engine's old output for one is taken back."""
        for context in self.label_contexts & by_context.keys():
            for source in by_context[context]:
                entry = self.memory.lookup(context, source)
                if entry is None or MACHINE in entry.flags:  # a person's draft stays theirs
                    self.memory.add_untranslated(context, source)
        return [item for item in pending if item.context not in self.label_contexts]

    def _reconcile(self, context: str, sources: list[str]) -> list[_Pending]:
        wanted = set(sources)
        unused = [entry for entry in self.memory.entries_in(context) if entry.msgid not in wanted]
        pending = []
        for source in sources:
            found = self.memory.lookup(context, source)
            if found is not None and not found.msgstr and self._engine() is not None:
                pending.append(_Pending(context, source, None))  # left empty before an engine came
                continue
            if found is not None and self._outdated(found):
                pending.append(_Pending(context, source, None))
                continue
            if found is not None:
                continue
            old = _most_similar(source, unused)
            if old is None:  # rewritten beyond recognition: this page's own reviewed text pairs up
                old = _most_similar(source, [e for e in unused if status_of(e) != MACHINE], cutoff=0.0)
            if old is None or status_of(old) == MACHINE:
                elsewhere = self.memory.reviewed_elsewhere(source, self._live_contexts)
                if elsewhere is not None:  # a renamed page, or the same sentence on another page
                    self.memory.copy_reviewed(context, source, elsewhere)
                    continue
            previous = None
            if old is not None:
                unused.remove(old)
                if status_of(old) in (REVIEWED, STALE):
                    self.memory.mark_stale(old, source)
                    continue
                previous = old.msgid
                self.memory.retire(old)
            pending.append(_Pending(context, source, previous))
        for entry in unused:
            self.memory.retire(entry)
        return pending

    def _outdated(self, entry) -> bool:
        """Machine text the same engine would now write differently: a local engine was upgraded
        (Apertium: a newer package, or plainpath's own preparation of its input), or the glossary
        has since fixed a term the text does not use. Never a person's text, never another
        engine's, and never by asking a server (a build must run without it when nothing is new)."""
        if self._engine() is None or MACHINE not in entry.flags or not entry.msgstr:
            return False
        if self._written_now is not None:
            engine_words, current = self._written_now
            written_by = "".join((entry.comment or "").split())
            if written_by.startswith(engine_words) and not written_by.startswith(current):
                return True
        return any(re.search(term_pattern(term), entry.msgid) and required.lower() not in entry.msgstr.lower()
                   for term, required in self.glossary.terms_for(self.lang).items())

    def _local_provenance(self) -> tuple[str, str] | None:
        """For a local engine (never a server: a build must run without it), the start of its
        provenance comment and the whole current one, without spaces or line breaks: polib wraps
        a line longer than the PO width (at a space or after a hyphen), so it comes back in
        pieces. Worked out once per ``prepare``: it reads the engine's versions and overlay."""
        engine = self._engine()
        if engine is None or not getattr(engine, "local_version", False):
            return None
        now = engine.provenance("en", self.lang)
        squashed = lambda text: "".join(text.split())  # noqa: E731
        return (squashed(f"{MACHINE_PREFIX} {now.engine} "),
                squashed(f"{MACHINE_PREFIX} {now.engine} {now.model} {now.version}"))

    def _engine(self) -> TranslationEngine | None:
        return next((e for e in self.engines if e.can_serve("en", self.lang)), None)

    def _machine_translate(self, pending: list[_Pending]) -> None:
        engine = self._engine()
        if engine is None:
            return
        for item in pending:
            item.tagged = self.glossary.protect(to_tagged(item.source), self.lang)
        # An engine that cannot keep tags gets a marked-up segment run by run. Two lists, not
        # "item not in whole": that membership test made a first build quadratic in segments.
        markup = getattr(engine, "supports_markup", False)
        whole = [item for item in pending if markup or not item.tagged.has_markup]
        by_runs = [item for item in pending if not markup and item.tagged.has_markup]
        failed = self._attempt(engine, whole, by_runs=False) + by_runs
        still_failed = self._attempt(engine, failed, by_runs=True)
        for item in still_failed:
            self.warn(
                f"Translation to '{self.lang}' of a segment in '{item.context}' lost its links or "
                f"code twice and is published in English: \"{item.source[:80]}\""
            )

    def _attempt(self, engine, items: list[_Pending], by_runs: bool) -> list[_Pending]:
        if not items:
            return []
        markup = getattr(engine, "supports_markup", False)
        if by_runs:
            runs = [text_runs(item.tagged.text) for item in items]
            flat = [run for item_runs in runs for run in item_runs]
            done = iter(self._call(engine, flat))
            outputs = [join_runs(item.tagged.text, [next(done) for _ in r]) for item, r in zip(items, runs)]
        elif markup:
            outputs = self._call(engine, [item.tagged.text for item in items])
        else:
            plain = [html.unescape(item.tagged.text) for item in items]
            outputs = [html.escape(text, quote=False) for text in self._call(engine, plain)]
        provenance = engine.provenance("en", self.lang)
        failed = []
        for item, output in zip(items, outputs):
            try:
                text = from_tagged(output, item.tagged)
            except MarkupMismatch:
                failed.append(item)
                continue
            self.memory.add_machine(item.context, item.source, text, provenance, item.previous)
        return failed

    def _call(self, engine, texts: list[str]) -> list[str]:
        """Send each distinct text once (sites repeat headings and phrases across pages)."""
        if not texts:
            return []
        unique = list(dict.fromkeys(texts))
        translated = dict(zip(unique, self._send(engine, unique)))
        return [translated[text] for text in texts]

    def _send(self, engine, texts: list[str]) -> list[str]:
        self.sent_to_engine += len(texts)
        with tqdm(
            total=len(texts), desc=f"Translating to {self.lang} ({engine.name})", unit="segment",
            leave=True, mininterval=0.5, disable=None,  # None: a bar on a terminal, none in CI logs
        ) as bar:
            def progress(done: int) -> None:
                bar.update(done - bar.n)

            results = engine.translate_batch(texts, "en", self.lang, on_progress=progress)
            bar.update(len(texts) - bar.n)
        return results

    def render(self, segment: Segment) -> Rendering:
        """The published text of a segment, checked, and who wrote it."""
        entry = self.memory.lookup(segment.context, segment.source)
        if entry is None or not entry.msgstr:
            return Rendering(segment.source, ENGLISH)
        status = status_of(entry)
        if status == STALE and self.stale_shows == "english":
            return Rendering(segment.source, ENGLISH)
        if status == STALE and _kept_markup(entry.msgid) != _kept_markup(entry.msgstr):
            self._notice_outdated_links(segment, entry)
            return Rendering(segment.source, HELD_BACK)  # its old links may lead nowhere now
        if status == MACHINE and (self.publish == "reviewed"
                                  or self.publish == "checked" and CHECK_FAILED in entry.flags
                                  or self.risky_text == "reviewed" and risk_reasons(segment.source)):
            return Rendering(segment.source, HELD_BACK)
        _check_translation(self.memory, entry)  # machine entries too: a PO file is editable
        return Rendering(entry.msgstr, status)

    def _notice_outdated_links(self, segment: Segment, entry) -> None:
        """An English edit changed the links or code of text a person translated: the English
        editor cannot fix the PO file, so this is a notice for translators, not an error."""
        if (segment.context, segment.source) in self._noticed:
            return
        self._noticed.add((segment.context, segment.source))
        po_entry = self.memory.display_path + (f", line {entry.linenum}" if entry.linenum else "")
        self.notice(
            f"the links or code of this text changed since a person translated it into '{self.lang}' "
            f"({po_entry}, marked stale): until a translator updates it there, '{self.lang}' readers "
            "get the new English with a note. "
            "Nothing to do in the English page.",
            SourceLocation(segment.context, segment.line or None),
        )


def _most_similar(source: str, candidates: list, cutoff: float = SIMILAR_ENOUGH) -> object | None:
    """The candidate whose English is closest to ``source``, if at least ``cutoff`` alike."""
    best, best_ratio = None, cutoff
    for entry in candidates:
        ratio = difflib.SequenceMatcher(None, source, entry.msgid).ratio()
        if ratio >= best_ratio:
            best, best_ratio = entry, ratio
    return best


@functools.lru_cache(maxsize=65536)  # the same sentence recurs across pages and languages
def _kept_markup(markdown_inline: str) -> frozenset:
    """Link and picture targets and code of a text, each with how often it occurs."""
    counts = Counter(
        value for tag, value in to_tagged(markdown_inline).kept.values() if tag in ("a", "m", "x")
    )
    return frozenset(counts.items())


def _check_translation(memory: TranslationMemory, entry) -> None:
    """A translation keeps the source's link targets and code exactly, and adds no HTML."""
    problem = translation_problem(entry.msgid, entry.msgstr)
    if problem:
        raise EditorError("translation file", SourceLocation(memory.display_path, entry.linenum or None),
                          *problem)


def translation_problem(english: str, text: str) -> tuple[str, str] | None:
    """What makes ``text`` unpublishable as the translation of ``english`` (and what to do), or
    None: the build and an XLIFF import judge a person's text alike."""
    if _kept_markup(english) != _kept_markup(text):
        return ("the translation does not have the same links and code as its English "
                f"(msgid \"{english[:60]}\").",
                "Keep every [link text](target) target and every `code` exactly as in the English.")
    if len(_ATTRIBUTES.findall(text)) > len(_ATTRIBUTES.findall(english)):
        return (f"the translation adds attributes ('{{: ...}}') that its English does not have "
                f"(msgid \"{english[:60]}\").", "Translate the words only: remove the '{: ...}' from msgstr.")
    added = _tags(text) - _tags(english)
    if added:
        return (f"the translation adds HTML ('{sorted(added)[0]}') that its English does not have "
                f"(msgid \"{english[:60]}\").", "Translate the words only: remove the HTML from msgstr.")
    return None


def _tags(text: str) -> Counter:
    """Each tag-like token (``<img``, ``</b``, ``<!--``) in ``text``, as a browser would see one.

    A backslash-escaped ``\\<`` is Markdown for the character itself, so it is text, not a tag.
    """
    return Counter(match.group("tag").lower() for match in _TAG.finditer(text))
