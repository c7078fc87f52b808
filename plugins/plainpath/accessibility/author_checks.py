"""Author-level checks in the same page load as axe: Sa11y headless, and our word checks.

Sa11y (npm, pinned next to axe-core) judges what editors write: vague or repeated link text,
file links, alt text that is a file name, capitals, fake headings and lists, new windows,
embedded content. It runs with the page's own language pack. Our word checks (``wording``) add
WCAG 1.3.3, 1.4.1 and 3.1.4. Every finding names its rule, WCAG criterion, element and the
Markdown file:line the text came from (``source_map``); its level (``author_rules``) decides
whether it fails the gate or is listed as a warning.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from plainpath.accessibility.author_rules import rule_for
from plainpath.accessibility.source_map import SourceMap
from plainpath.accessibility.wording import WORDING_DIR, Wording, undefined_abbreviations, wording_for

SA11Y_VERSION = "4.4.1"
# Sa11y's language packs by our language code; a language without one gets English messages.
SA11Y_PACKS = {"en": "en", "es": "es", "fr": "fr", "pt": "ptPT", "pl": "pl", "ro": "ro", "lt": "lt",
               "de": "de", "it": "it", "nl": "nl", "sv": "sv", "uk": "ua", "zh": "zh", "tr": "tr"}
_RUNNER = Path(__file__).with_name("author_checks.js")


def sa11y_dir(repo: Path) -> Path:
    """The pinned Sa11y build; a clear error when the set-up step was not run."""
    folder = repo / "node_modules" / "sa11y" / "dist" / "js"
    if not (folder / "sa11y.umd.min.js").exists():
        raise FileNotFoundError(f"{folder / 'sa11y.umd.min.js'} is missing. Run 'bash .ci/setup' "
                                "(it runs 'npm ci') to install Sa11y next to axe-core.")
    return folder


@dataclass(frozen=True)
class Located:
    """Where a rendered text came from: ``file:line``, and the English when it was translated."""

    source: str
    english: str = ""


@dataclass
class AuthorChecks:
    """The author-level checks of one site: its rule levels, its sources, Sa11y's files."""

    sa11y: Path
    levels: dict[str, str]
    source_map: SourceMap
    languages: set[str]
    _scripts: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def settings(self) -> dict:
        """What decides these checks' verdicts besides the page (part of the gate cache key)."""
        words = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(WORDING_DIR.glob("*.yml")))).hexdigest()
        sa11y = hashlib.sha256((self.sa11y / "sa11y.umd.min.js").read_bytes()).hexdigest()
        return {"levels": self.levels, "wording": words, "sa11y": sa11y, "runner": _RUNNER.read_text(encoding="utf-8")}

    def scripts(self, lang: str) -> list[Path]:
        """What a page in ``lang`` needs loaded first: Sa11y and its language pack (English
        messages for a language Sa11y has no pack for)."""
        return [self.sa11y / "sa11y.umd.min.js", self.sa11y / "lang" / f"{SA11Y_PACKS.get(lang, 'en')}.umd.js"]

    def run(self, driver, page: str, lang: str) -> tuple[list[dict], list[dict]]:
        """Check the loaded page; returns (errors, warnings), each in axe's finding shape.
        Sa11y is injected unless the browser preloads it (``scripts``)."""
        pack = SA11Y_PACKS.get(lang, "en")
        pack_name = f"Sa11yLang{pack[0].upper()}{pack[1:]}"
        loaded = driver.execute_script("return [!!window.Sa11y, !!window[arguments[0]]]", pack_name)
        if not loaded[0]:
            driver.execute_script(self._script("sa11y.umd.min.js"))
        if not loaded[1]:
            driver.execute_script(self._script(f"lang/{pack}.umd.js"))
        raw = driver.execute_async_script(self._script_text(_RUNNER), pack_name)
        if raw.get("error"):
            raise RuntimeError(raw["error"])
        source_file = self.source_map.source_file(page, self.languages)
        translated = lang != "en"
        found: dict[str, list[dict]] = {}
        sa11y_levels: dict[str, str] = {}  # for a test this plainpath does not know (a newer Sa11y)

        def add(rule: str, message: str, selector: str, html: str, located: Located) -> None:
            nodes = found.setdefault(rule, [])
            if not any(node["target"] == [selector] for node in nodes):
                nodes.append({"target": [selector], "html": html, "message": message,
                              "source": located.source, "english": located.english})

        for item in raw["sa11y"]:
            located = self._locate(item["block"], lang, translated, source_file, item["text"])
            add(item["test"], item["message"], item["selector"], item["html"], located)
            sa11y_levels.setdefault(item["test"], "error" if item["type"] == "error" else "warning")
        for block in raw["blocks"]:
            for rule, phrase, located in self._wording(block, lang, translated, source_file):
                add(rule, f"'{phrase}' points at something by its {_WHAT[rule]} only.", block["selector"],
                    block["html"], located)
        known = frozenset().union(*(w.known_abbreviations for w in map(wording_for, {"en", lang}) if w))
        texts = [block["text"] for block in raw["blocks"]]
        for index, shorts in undefined_abbreviations(texts, set(raw["abbrs"]), known).items():
            block = raw["blocks"][index]
            for short in shorts:
                add("abbreviations", f"'{short}' is not written out where it is first used.", block["selector"],
                    block["html"], self._locate(block["text"], lang, translated, source_file, short))
        return self._by_level(found, sa11y_levels)

    def _wording(self, block: dict, lang: str, translated: bool, source_file: str | None):
        """Instructions in the block's own language, and in the English it was translated from."""
        own: Wording | None = wording_for(block["lang"].split("-")[0] or lang)
        for match in own.instructions(block["text"]) if own else []:
            yield match.rule, match.phrase, self._locate(block["text"], lang, translated, source_file, match.phrase)
        if translated and block["lang"].split("-")[0] != "en":
            segment = self.source_map.segment(lang, block["text"], source_file)
            english = wording_for("en")
            for match in english.instructions(segment.english) if segment and english else []:
                line = self.source_map.line_of(segment.source_file, match.phrase, segment.english)
                yield match.rule, match.phrase, Located(_at(segment.source_file, line), segment.english)

    def _locate(self, text: str, lang: str, translated: bool, source_file: str | None, *phrases: str) -> Located:
        if translated:
            segment = self.source_map.segment(lang, text, source_file)
            if segment:
                line = self.source_map.line_of(segment.source_file, segment.english)
                return Located(_at(segment.source_file, line), segment.english)
        return Located(_at(source_file, self.source_map.line_of(source_file, *phrases, text)))

    def _by_level(self, found: dict[str, list[dict]], sa11y_levels: dict[str, str]) -> tuple[list[dict], list[dict]]:
        errors, warnings = [], []
        for rule_name, nodes in sorted(found.items()):
            level = self.levels.get(rule_name) or sa11y_levels.get(rule_name, "warning")
            if level == "off":
                continue
            rule = rule_for(rule_name)
            finding = {
                "id": rule_name, "impact": "serious" if level == "error" else "moderate",
                "help": f"{nodes[0]['message']} {rule.fix}".strip(), "family": rule.family,
                "wcag": rule.wcag, "level": level,
                "tags": ["plainpath-author"] + ([f"wcag{rule.wcag.replace('.', '')}"] if rule.wcag else []),
                "helpUrl": _help_url(rule_name, rule.wcag), "nodes": nodes,
            }
            (errors if level == "error" else warnings).append(finding)
        return errors, warnings

    def _script(self, name: str) -> str:
        return self._script_text(self.sa11y / name)

    def _script_text(self, path: Path) -> str:
        key = str(path)
        if key not in self._scripts:
            self._scripts[key] = path.read_text(encoding="utf-8")
        return self._scripts[key]


_WHAT = {"use-of-colour": "colour", "sensory-characteristics": "shape, size, place or sound"}


def _at(source_file: str | None, line: int) -> str:
    if not source_file:
        return ""
    return f"{source_file}:{line}" if line else source_file


def _help_url(rule: str, wcag: str) -> str:
    if rule.isupper():
        return "https://sa11y.netlify.app/developers/checks/"
    slugs = {"1.3.3": "sensory-characteristics", "1.4.1": "use-of-color", "3.1.4": "abbreviations"}
    return f"https://www.w3.org/WAI/WCAG22/Understanding/{slugs.get(wcag, '')}"

