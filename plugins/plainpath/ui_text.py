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
    "all_tasks": "Do all of these:",
    "any_task": "Do one of these:",
    "more_about_step": "More about this step:",
    "next": "Next",
    "previous": "Previous",
    "if_answer": "If your answer is",
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
        "{count} boxes joined by arrows. Questions are yellow six-sided boxes; ends are green "
        "boxes with a double border. The numbered list of steps on this page has the same content."
    ),
    "start": "Start",
}


class UiText:
    """Interface words for one language, falling back to English word by word."""

    def __init__(self, words: Mapping[str, str] | None = None, lang: str = "en") -> None:
        self.lang = lang
        self.words = dict(words or {})

    def __call__(self, key: str, **values: object) -> str:
        text = self.words.get(key) or ENGLISH[key]
        return text.format(**values) if values else text


ENGLISH_UI = UiText()
