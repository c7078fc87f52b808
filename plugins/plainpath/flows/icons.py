"""Pictograms for steps: a small vocabulary of council actions drawn from Material Design Icons.

Residents asked for processes shown "in a more image-based way". The pictures come from the MDI
set that mkdocs-material already ships (offline, Apache-2.0), so no file is fetched from another
host. Each picture is decoration: the step's text says the same, so every copy is hidden from
screen readers. Editors choose a word (``icon: pay``); the vocabulary is the documented list in
docs/flow-format.md, and a step without one gets the default for its kind.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import material
from lxml import etree

from plainpath.flows.model import Step

MDI_DIR = Path(material.__file__).parent / "templates" / ".icons" / "material"
SVG = "http://www.w3.org/2000/svg"

# editor's word -> MDI icon name; chosen so a non-programmer can guess the word.
VOCABULARY: dict[str, str] = {
    "pay": "credit-card-outline",
    "refund": "cash-refund",
    "benefits": "hand-coin-outline",
    "documents": "file-document-multiple-outline",
    "proof": "file-document-check-outline",
    "photo-id": "card-account-details-outline",
    "photo": "camera-outline",
    "apply": "file-document-edit-outline",
    "online-form": "monitor-edit",
    "sign": "signature-freehand",
    "appointment": "calendar-account-outline",
    "calendar": "calendar-month-outline",
    "deadline": "calendar-alert-outline",
    "phone": "phone-outline",
    "email": "at",
    "letter": "email-open-outline",
    "post": "mailbox-outline",
    "visit-office": "office-building-marker-outline",
    "interview": "account-tie-voice-outline",
    "wait": "timer-sand",
    "check": "clipboard-check-outline",
    "decision": "arrow-decision-outline",
    "done": "check-circle-outline",
    "tasks": "clipboard-list-outline",
    "home": "home-outline",
    "car": "car-outline",
    "bin": "trash-can-outline",
    "school": "school-outline",
    "noise": "volume-high",
    "search": "magnify",
    "warning": "alert-outline",
    "help": "lifebuoy",
    "collect": "package-variant-closed",
    "print": "printer-outline",
    "info": "information-outline",
}

DEFAULT_BY_KIND = {"step": "info", "decision": "decision", "outcome": "done"}
DEFAULT_WITH_TASKS = "tasks"


def icon_word(step: Step) -> str:
    """The editor's choice, or the default for a decision, an outcome, a task list, a step."""
    if step.icon:
        return step.icon
    if step.kind == "step" and step.tasks:
        return DEFAULT_WITH_TASKS
    return DEFAULT_BY_KIND[step.kind]


@lru_cache(maxsize=None)
def icon_path_data(word: str) -> str:
    """The ``d`` of the icon's single path, in a 24 x 24 box (every MDI icon is one path)."""
    root = etree.parse(str(MDI_DIR / f"{VOCABULARY[word]}.svg")).getroot()
    return " ".join(path.get("d", "") for path in root.iter(f"{{{SVG}}}path"))


def inline_icon(step: Step, css_class: str = "pp-step__icon") -> str:
    """The step's picture as inline SVG markup, hidden from assistive technology."""
    return (
        f'<span class="{css_class}" aria-hidden="true"><svg xmlns="{SVG}" viewBox="0 0 24 24" '
        f'focusable="false"><path d="{icon_path_data(icon_word(step))}"/></svg></span>'
    )
