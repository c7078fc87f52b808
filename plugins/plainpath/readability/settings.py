"""Thresholds and levels for the readability lint and scores, from ``mkdocs.yml``.

Defaults follow GOV.UK guidance (reading age 9, sentences of 25 words or fewer). Each rule has a
level: ``error`` fails every build, ``warn`` fails ``mkdocs build --strict``, ``advice`` is listed
in ``plainpath check`` and the report and fails nothing, ``off`` skips it.
Scores have thresholds per language, because each language has its own formulas.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from plainpath.errors import EditorError, did_you_mean
from plainpath.settings_file import option_location
from plainpath.readability.rules import (
    KNOWN_ACRONYMS, PLAIN_WORDS_FILE, TRANSLATES_WELL_FILE, Rulebook, TranslationTrap, load_plain_words,
    load_translation_traps,
)
from plainpath.readability.scores import FORMULAS

LEVELS = ("off", "advice", "warn", "error")
DEFAULT_RULES: dict[str, dict] = {
    "long-sentence": {"level": "error", "max_words": 25},
    "long-paragraph": {"level": "warn", "max_sentences": 5},
    "long-title": {"level": "error", "max_chars": 65},
    "long-summary": {"level": "error", "max_chars": 160},
    "plain-words": {"level": "warn"},
    "passive-voice": {"level": "warn"},
    "undefined-acronym": {"level": "warn"},
    "link-text": {"level": "error"},
    # Date-driven: a warning is listed in check and the report, never fails a --strict build.
    "review-overdue": {"level": "warn", "max_months": 12},
    # Words engines get wrong (issue 28): advice, since "may" and "charge" are good English too.
    "translates-well": {"level": "advice"},
}
# Page-level score limits. English: reading age about 9 (Flesch-Kincaid grade 6 or below).
DEFAULT_SCORES: dict[str, dict[str, dict]] = {
    "en": {
        "flesch_kincaid_grade": {"max": 6.0, "level": "error"},
        "flesch_reading_ease": {"min": 60.0, "level": "warn"},
    },
    "es": {"fernandez_huerta": {"min": 60.0, "level": "warn"}},
    "fr": {"flesch_reading_ease": {"min": 60.0, "level": "warn"}},
}


@dataclass
class Settings:
    """Everything the lint and the score check need, validated."""

    rules: dict[str, dict] = field(default_factory=lambda: copy.deepcopy(DEFAULT_RULES))
    scores: dict[str, dict[str, dict]] = field(default_factory=lambda: copy.deepcopy(DEFAULT_SCORES))
    plain_words_file: Path = PLAIN_WORDS_FILE
    known_acronyms: frozenset[str] = frozenset(KNOWN_ACRONYMS)
    translation_traps: list[TranslationTrap] | None = None  # None: the list plainpath ships
    settled_terms: frozenset[str] = frozenset()

    def rulebook(self, english: bool = True) -> Rulebook:
        rules = self.rules
        return Rulebook(
            levels={name: rule["level"] for name, rule in rules.items()},
            max_sentence_words=rules["long-sentence"]["max_words"],
            max_paragraph_sentences=rules["long-paragraph"]["max_sentences"],
            max_title_chars=rules["long-title"]["max_chars"],
            max_summary_chars=rules["long-summary"]["max_chars"],
            plain_words=load_plain_words(self.plain_words_file),
            known_acronyms=self.known_acronyms,
            english=english,
            review_after_months=rules["review-overdue"]["max_months"],
            translation_traps=self.translation_traps,
            settled_terms=self.settled_terms,
        )


def settings_from_options(
    rules: dict, scores: dict, plain_words: str | None, known_acronyms: list, root: Path,
    translates_well: str | None = None, config_file: str | Path | None = None,
) -> Settings:
    """Merge the ``plainpath/readability`` options over the defaults; mistakes name the option,
    and its line in ``config_file`` where it is given."""
    settings = Settings()
    for name, given in (rules or {}).items():
        if name not in DEFAULT_RULES:
            if config_file is not None:
                raise EditorError("settings", option_location(config_file, str(name)),
                                  f"plugin 'plainpath/readability', rules: there is no rule '{name}'.",
                                  did_you_mean(name, DEFAULT_RULES))
            raise _option_error(f"rules: there is no rule '{name}'.", did_you_mean(name, DEFAULT_RULES))
        if not isinstance(given, dict):
            given = {"level": given}
        unknown = set(given) - set(DEFAULT_RULES[name])
        if unknown:
            raise _option_error(f"rules: {name}: unknown setting '{sorted(unknown)[0]}'.",
                                f"The settings are: {', '.join(DEFAULT_RULES[name])}.")
        settings.rules[name].update(given)
    for language, formulas in (scores or {}).items():
        for formula, limit in (formulas or {}).items():
            if formula not in FORMULAS.get(language, ()) + ("words_per_sentence", "long_sentence_share"):
                known = FORMULAS.get(language, ()) + ("words_per_sentence", "long_sentence_share")
                raise _option_error(f"scores: {language}: textstat has no '{formula}' for this language.",
                                    f"Use one of: {', '.join(known)}.")
            if not isinstance(limit, dict) or not set(limit) & {"min", "max"}:
                raise _option_error(f"scores: {language}: {formula} needs 'min' or 'max'.",
                                    "For example: {max: 6, level: error}.")
        settings.scores[language] = {**settings.scores.get(language, {}), **(formulas or {})}
    for name, rule in settings.rules.items():
        for setting, value in rule.items():
            if setting != "level" and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
                raise _option_error(f"rules: {name}: {setting} is '{value}', not a whole number.",
                                    f"Write a number without quotes, for example {setting}: {DEFAULT_RULES[name][setting]}.")
    for where, level in _levels(settings):
        if level not in LEVELS:
            raise _option_error(f"{where}: level '{level}' is not one of {', '.join(LEVELS)}.", "")
    if plain_words:
        settings.plain_words_file = root / plain_words
        if not settings.plain_words_file.exists():
            raise _option_error(f"plain_words: the file '{plain_words}' does not exist.",
                                "Give the path of your words list, relative to mkdocs.yml.")
    traps_file = root / translates_well if translates_well else TRANSLATES_WELL_FILE
    if not traps_file.exists():
        raise _option_error(f"translates_well: the file '{translates_well}' does not exist.",
                            "Give the path of your list, relative to mkdocs.yml.")
    try:  # read once here: every rebuild's rulebook shares it
        settings.translation_traps = load_translation_traps(traps_file)
    except ValueError as error:
        raise _option_error(f"translates_well: {error}", "") from None
    settings.known_acronyms = frozenset(KNOWN_ACRONYMS | set(known_acronyms or []))
    return settings


def settings_from_plugin(options, root: Path, settled_terms: frozenset[str] = frozenset(),
                         config_file: str | Path | None = None) -> Settings:
    """Settings from a ``plainpath/readability`` plugin's validated options; ``settled_terms``
    are the glossary's, which the translation build protects (no advice is given on them)."""
    settings = settings_from_options(
        options.rules, options.scores, options.plain_words, options.known_acronyms, root,
        options.translates_well, config_file,
    )
    settings.settled_terms = settled_terms
    return settings


def glossary_terms(mkdocs_config, root: Path) -> frozenset[str]:
    """The English terms of the translation glossary (names kept, council terms fixed): the
    build protects them, so the 'translates-well' advice leaves them alone. A glossary that
    cannot be read gives none here: the translation plugin names its problem, once."""
    from plainpath.errors import EditorErrors
    from plainpath.translation.glossary import load_glossary

    translation = mkdocs_config.plugins.get("plainpath/i18n")
    path = getattr(getattr(translation, "config", None), "glossary", None)
    if not path or not (root / path).is_file():
        return frozenset()
    try:
        glossary = load_glossary(root / path, path)
    except (EditorError, EditorErrors):
        return frozenset()
    return frozenset(glossary.do_not_translate) | frozenset(glossary.fixed)


def _levels(settings: Settings):
    for name, rule in settings.rules.items():
        yield f"rules: {name}", rule.get("level")
    for language, formulas in settings.scores.items():
        for formula, limit in formulas.items():
            yield f"scores: {language}: {formula}", limit.get("level", "warn")


def _option_error(problem: str, fix: str) -> PluginError:
    return PluginError(f"Error in mkdocs.yml, plugin 'plainpath/readability', {problem} {fix}".strip())
