"""The author-level rules: what each checks, its WCAG criterion, and its level from ``mkdocs.yml``.

axe judges markup; these judge what an editor writes. Most come from Sa11y (its test names, so
its documentation applies); four are ours, for criteria no tool here checks from the words:
1.3.3 sensory characteristics, 1.4.1 use of colour, 3.1.4 abbreviations, and 2.4.4 link purpose
through Sa11y's identical-link-text test. Levels: ``error`` fails the gate, ``warning`` is listed
in the report, ``off`` is not run. A council sets them under ``plainpath/accessibility: rules:``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


from plainpath.errors import EditorError, did_you_mean
from plainpath.settings_file import option_location, read_settings

LEVELS = ("error", "warning", "off")
PLUGIN = "plainpath/accessibility"


@dataclass(frozen=True)
class AuthorRule:
    """One rule: the family it belongs to (what the editor did), the WCAG criterion, the default
    level (Sa11y's own type for its tests) and the fix in one sentence."""

    family: str
    wcag: str
    level: str
    fix: str


_LINK_TEXT = "Write link words that say where the link goes, for example 'apply for a permit'."
_ALT = "Write alt text that says what the picture shows, not its file name or 'image'."
_EMBED = "Give the embedded item a title and a text version (a transcript or a table of the data)."

RULES: dict[str, AuthorRule] = {
    # Vague, repeated or raw link text (Sa11y).
    "LINK_STOPWORD": AuthorRule("vague-link-text", "2.4.4", "warning", _LINK_TEXT),
    "LINK_CLICK_HERE": AuthorRule("vague-link-text", "2.4.4", "warning", _LINK_TEXT),
    "LINK_STOPWORD_ARIA": AuthorRule("vague-link-text", "2.4.4", "warning", _LINK_TEXT),
    "LINK_SYMBOLS": AuthorRule("vague-link-text", "2.4.4", "warning", _LINK_TEXT),
    "LINK_URL": AuthorRule("vague-link-text", "2.4.4", "warning", _LINK_TEXT),
    "LINK_DOI": AuthorRule("vague-link-text", "2.4.4", "warning", _LINK_TEXT),
    "LINK_EMPTY": AuthorRule("vague-link-text", "2.4.4", "error", _LINK_TEXT),
    "LINK_IDENTICAL_NAME": AuthorRule(
        "repeated-link-text", "2.4.4", "error",
        "Give links to different places different words; the same words must lead to the same place."),
    # Links to files or new windows without saying so (Sa11y).
    "LINK_FILE_EXT": AuthorRule(
        "file-link-without-warning", "2.4.4", "warning",
        "Say in the link what the file is and its size, for example '(PDF, 120 KB)'."),
    "QA_PDF": AuthorRule("file-link-without-warning", "", "warning",
                         "Offer the form as a web page too: many phones open PDFs badly."),
    "QA_DOCUMENT": AuthorRule("file-link-without-warning", "", "warning",
                              "Offer the document as a web page too, or check that it is accessible."),
    "LINK_NEW_TAB": AuthorRule("new-window-link", "3.2.5", "warning",
                               "Open links in the same window, or say '(opens in a new window)' in the link."),
    # Alt text that is a file name, a placeholder or suspicious (Sa11y).
    "ALT_FILE_EXT": AuthorRule("alt-file-name", "1.1.1", "error", _ALT),
    "LINK_ALT_FILE_EXT": AuthorRule("alt-file-name", "1.1.1", "error", _ALT),
    "ALT_PLACEHOLDER": AuthorRule("alt-placeholder", "1.1.1", "error", _ALT),
    "LINK_PLACEHOLDER_ALT": AuthorRule("alt-placeholder", "1.1.1", "error", _ALT),
    "SUS_ALT": AuthorRule("alt-placeholder", "1.1.1", "warning", _ALT),
    "LINK_SUS_ALT": AuthorRule("alt-placeholder", "1.1.1", "warning", _ALT),
    "ALT_UNPRONOUNCEABLE": AuthorRule("alt-placeholder", "1.1.1", "error", _ALT),
    "LINK_ALT_UNPRONOUNCEABLE": AuthorRule("alt-placeholder", "1.1.1", "error", _ALT),
    "MISSING_ALT": AuthorRule("alt-missing", "1.1.1", "error", _ALT),
    # Text that looks like structure but is not (Sa11y).
    "QA_UPPERCASE": AuthorRule("all-caps", "", "error",
                               "Write in sentence case: capitals are hard to read and some screen readers spell them out."),
    "QA_FAKE_HEADING": AuthorRule("fake-heading", "1.3.1", "warning",
                                  "Make it a real heading ('## ...' in Markdown), not bold text."),
    "QA_FAKE_LIST": AuthorRule("fake-list", "1.3.1", "warning",
                               "Make it a real list: start each line with '- ' or '1. ' and a blank line before."),
    "HEADING_SKIPPED_LEVEL": AuthorRule("skipped-heading", "1.3.1", "error",
                                        "Use headings in order: after '##' comes '###', not '####'."),
    "HEADING_EMPTY": AuthorRule("skipped-heading", "1.3.1", "error", "Write text in every heading."),
    "QA_UNDERLINE": AuthorRule("fake-link", "", "warning", "Do not underline text that is not a link."),
    "QA_JUSTIFY": AuthorRule("justified-text", "1.4.8", "warning", "Align text to the start of the line."),
    # Embedded content (Sa11y).
    "EMBED_GENERAL": AuthorRule("embedded-content", "1.1.1", "warning", _EMBED),
    "EMBED_VIDEO": AuthorRule("embedded-content", "1.2.2", "warning", _EMBED),
    "EMBED_AUDIO": AuthorRule("embedded-content", "1.2.1", "warning", _EMBED),
    "EMBED_DATA_VIZ": AuthorRule("embedded-content", "1.1.1", "warning", _EMBED),
    "EMBED_MISSING_TITLE": AuthorRule("embedded-content", "4.1.2", "error", _EMBED),
    "EMBED_UNFOCUSABLE": AuthorRule("embedded-content", "2.1.1", "error", _EMBED),
    # HTML_CodeSniffer, the second engine (htmlcs_runner.py): one level for all its errors.
    "htmlcs": AuthorRule("htmlcs", "", "error", "See HTML_CodeSniffer's message: it names the technique."),
    # Ours: the words of an instruction (plainpath/accessibility/wording/<lang>.yml).
    "sensory-characteristics": AuthorRule(
        "sensory-characteristics", "1.3.3", "error",
        "Name the thing by its words (the 'Pay now' button), not by its shape, size, place or sound."),
    "use-of-colour": AuthorRule(
        "use-of-colour", "1.4.1", "error",
        "Name the thing by its words or a symbol too, not only by its colour."),
    "abbreviations": AuthorRule(
        "abbreviations", "3.1.4", "warning",
        "Write the words out the first time, with the short form in brackets: 'Penalty Charge Notice (PCN)'."),
}

# Sa11y reports a test not in RULES (a newer Sa11y) at its own level, so nothing is dropped.
UNKNOWN_SA11Y_RULE = AuthorRule("other", "", "warning", "See the Sa11y documentation for this test.")


def rule_for(name: str) -> AuthorRule:
    return RULES.get(name, UNKNOWN_SA11Y_RULE)


def rule_levels(options: dict | None, config_file: str = "mkdocs.yml") -> dict[str, str]:
    """Every rule's level: the defaults, overridden by ``rules:`` in the plugin's options.
    A mistake names ``config_file`` and the line and column of the rule."""
    levels = {name: rule.level for name, rule in RULES.items()}
    for name, level in ((options or {}).get("rules") or {}).items():
        where = option_location(config_file, str(name))
        if name not in RULES:
            raise EditorError("settings", where, f"{PLUGIN}: rules: there is no rule '{name}'.",
                              f"{did_you_mean(str(name), RULES)} The rules are listed in "
                              "plugins/plainpath/accessibility/author_rules.py.".strip())
        if level not in LEVELS:
            raise EditorError("settings", where, f"{PLUGIN}: rules: {name}: the level is {level!r}.",
                              f"Write one of: {', '.join(LEVELS)}.")
        levels[name] = level
    return levels


def configured_rule_levels(mkdocs_yml: Path) -> dict[str, str]:
    """The levels a site's ``mkdocs.yml`` sets (read the way the gate reads its languages)."""
    config = read_settings(mkdocs_yml)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and PLUGIN in plugin:
            return rule_levels(plugin[PLUGIN], str(mkdocs_yml))
    return rule_levels(None, str(mkdocs_yml))
