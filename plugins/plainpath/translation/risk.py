"""Which English texts a resident acts on, so that a machine translation of them must be sure.

A wrong word in an explanation is clumsy; a wrong word in "You must not park here", "Pay £70
within 14 days", "Who can apply" or a step's title sends a resident the wrong way. Under the
``checked`` policy such text is published only when every check that applies to it ran and
passed, with a stricter round trip (meaning_checks.py); everything else as before.
"""

from __future__ import annotations

import re

from plainpath.translation.statement_checks import ENGLISH_MONTHS, ENGLISH_WEEKDAYS, statement_data

_TITLE_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
_AMOUNT = re.compile(r"[£€$]\s?\d|\d\s?%|\b\d")
_CALENDAR = "|".join((*ENGLISH_WEEKDAYS, *(month for month in ENGLISH_MONTHS if month != "may")))  # "you may"
_DEADLINE = re.compile(
    r"\b(within|by|before|after|until|till|deadline|no later than|days?|weeks?|months?|years?|hours?|"
    rf"{_CALENDAR}|\d{{1,2}}(:\d\d)?\s?[ap]\.?m)\b", re.IGNORECASE)
_ELIGIBILITY = re.compile(r"\b(eligible|entitled|qualify|qualifies|only if|if you|unless|who can)\b", re.IGNORECASE)


def risk_reasons(english: str) -> list[str]:
    """Why ``english`` is text a resident acts on (empty: it is not): it is a title, states an
    obligation or a permission, an amount or number, a deadline, or who is eligible."""
    reasons = []
    plain = re.sub(r"[*_`#>\[\]()]", " ", english).strip()
    if len(_WORD.findall(plain)) <= _TITLE_WORDS and not plain.endswith((".", "!", "?", ":")):
        reasons.append("is a title or a label")
    modality = statement_data("en").modality.of(plain)
    if modality & {"prohibition", "obligation", "no_obligation"}:
        reasons.append("says what a resident must or must not do")
    if _AMOUNT.search(plain):
        reasons.append("gives an amount or a number")
    if _DEADLINE.search(plain):
        reasons.append("gives a time or a deadline")
    if _ELIGIBILITY.search(plain) or "permission" in modality:
        reasons.append("says who can or when")
    return reasons
