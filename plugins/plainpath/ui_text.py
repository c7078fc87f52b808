"""Words of the interface (not of the content): "Step", "Next", "Part of", in one place.

Every template takes its words from here, so that a translated page can swap the whole set and
an untranslated word falls back to English instead of disappearing.
"""

from __future__ import annotations

from collections.abc import Mapping

ENGLISH: dict[str, str] = {
    "step": "Step",
    "end": "End",
    "optional": "You can skip this step if it does not apply to you.",
    "optional_mark": "if it applies to you",
    "all_tasks": "Do all of these:",
    "any_task": "Do one of these:",
    "more_about_step": "More about this step:",
    "next": "Next",
    "previous": "Previous",
    "if_answer": "If your answer is",
    "show_all_steps": "Show all steps",
    "hide_all_steps": "Hide all steps",
    "go_to": "go to",
    "how_long": "How long it takes",
    "cost": "What it costs",
    "part_of": "Part of",
    "steps_to": "Steps to",
    "see_all_steps": "See all the steps and a flow chart",
    "chart_heading": "Flow chart",
    "chart_intro": (
        "This chart shows the same steps as the numbered list above. "
        "The list is the text version of the chart."
    ),
    "chart_region": "Flow chart, scroll to see all of it",
    "chart_title": "Flow chart",
    "chart_desc": (
        "Boxes joined by arrows. Questions are yellow boxes with six sides. Ends are green "
        "boxes with a double border. Steps you can skip have a dashed border. The numbered list of steps on this page has the same content."
    ),
    "partners_heading": "Other organisations that can help",
    "last_checked": "Last checked",
    "written_by": "Written by",
    "languages": "Languages",
    "notice_machine": "This page was translated by a machine.",
    "notice_reviewed": "This page was translated by a machine and checked by a person.",
    "notice_stale": (
        "The English version of this page has changed since a person checked this translation."
    ),
    "notice_partial": "Some parts of this page are not translated yet and are shown in English.",
    "notice_untranslated": "This page is not translated yet, so it is shown in English.",
    "read_english": "Read the English version",
    "held_back": "shown in English until its translation is checked",
    "marker_machine": "machine translation",
    "marker_stale": "checked by a person before the English changed; the English now says",
    "print_address": "Address of this page:",
    "print_date": "Date printed:",
    "not_found_title": "Page not found",
    "not_found_body": (
        "We cannot find the page you asked for. The link may be old, or the address may have a "
        "typing mistake."
    ),
    "go_home": "Go to the home page",
    "home": "Main page",  # words chosen so that machine translation gets them right
    "menu": "Menu",  # the phone layout's button that opens the site's navigation
    "contents": "Contents",  # the list of a page's sections above its text on a phone
    "search_in_english": "Search the pages in English",  # a link, under no results
    "also_in_step": "Also in this step",  # a closed step names the steps inside it
    "breadcrumbs": "Where you are",
    "in_this_section": "In this section",
    "services": "Services",
    "related": "Other pages that can help",
    "step_by_step_guides": "Guides, step by step",
    "step_by_step_summary": "The steps for each service, with a flow chart.",
    "or_search": "or use the search at the top of the page.",
}


class UiText:
    """Interface words for one language, falling back to English word by word."""

    def __init__(self, words: Mapping[str, str] | None = None, lang: str = "en") -> None:
        self.lang = lang
        self.words = dict(words or {})

    def __call__(self, key: str) -> str:
        return self.words.get(key) or ENGLISH[key]

    def in_english(self, key: str) -> bool:
        """Whether the word shown for ``key`` is the English one (so it needs ``lang="en"``)."""
        return self.lang != "en" and self(key) == ENGLISH[key]


ENGLISH_UI = UiText()
