"""Passive voice that hides who acts, told apart from sentences that describe a state.

"Your form is checked" hides who checks it: plain English asks for "we check your form". But
"tell us what is broken", "the door is locked" and "we are closed" describe how things are;
flagging them taught editors to ignore the rule. A participle that usually names a state is a
finding only with a sign of an action: an agent ("locked by the caretaker") or a form that only
an action takes ("will be closed", "has been damaged", "is being locked").

How strict the rule is comes from a labelled set of council sentences
(``tests/fixtures/passive_voice.yml``), where its precision and recall are measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

IRREGULAR_PARTICIPLES = (
    "given taken sent made paid done seen known shown written told found held kept built brought "
    "bought chosen driven forgotten hidden left lost meant put read set spent stolen thrown "
    "understood won begun broken cut drawn fallen felt forbidden frozen got gotten heard hurt laid "
    "led let lit met overtaken quit ridden rung risen run said sold shut sung sunk sat slept spoken "
    "stood struck sworn swept taught torn thought woken worn split spread dealt sought caught fed "
    "lent withdrawn withheld upheld overpaid underpaid rewritten undone"
).split()

# Words ending in -ed that are not participles at all.
NOT_PARTICIPLES = {"need", "speed", "feed", "seed", "hundred", "sacred", "naked", "wicked", "bed",
                   "red", "shed"}

# Participles that mostly describe a state when they follow "is" or "are": what a thing or a
# person is like, not what someone does to it.
STATE_PARTICIPLES = {
    "broken", "locked", "closed", "shut", "damaged", "blocked", "flooded", "cracked", "smashed",
    "stained", "torn", "worn", "lit", "registered", "located", "based", "situated", "entitled",
    "attached", "occupied", "furnished", "unfurnished", "parked", "listed", "enrolled", "switched",
    "fenced", "insulated", "married", "divorced", "separated", "widowed", "disabled", "retired",
    "employed", "unemployed", "worried", "interested", "pleased", "tired", "bored", "excited",
    "scared", "ashamed", "aged", "detailed", "skilled", "qualified", "concerned", "involved",
    "overcrowded", "crowded", "boarded", "abandoned", "infested",
}

_BE = r"am|is|are|was|were|be|been|being"
_ADVERB = r"(?:not|also|then|usually|often|always|never|only|still|already|\w+ly)"
PASSIVE = re.compile(
    rf"\b(?P<before>(?:will|would|can|could|may|might|must|should|shall|has|have|had)\s+(?:{_ADVERB}\s+)?)?"
    rf"(?P<be>{_BE})\s+(?:{_ADVERB}\s+)?"
    rf"(?P<verb>\w+ed|{'|'.join(IRREGULAR_PARTICIPLES)})\b"
    rf"(?P<after>\s+(?:by|of)\b)?",
    re.IGNORECASE,
)


def passive_phrases(text: str) -> Iterator[re.Match]:
    """Each passive phrase in ``text`` that hides who acts (see the module's notes)."""
    for match in PASSIVE.finditer(text):
        verb = match["verb"].lower()
        if verb in NOT_PARTICIPLES or len(verb) < 4 and verb not in IRREGULAR_PARTICIPLES:
            continue
        after = (match["after"] or "").strip().lower()
        if verb == "made" and after == "of":  # "made of wood": what it is
            continue
        if verb in STATE_PARTICIPLES and not _shows_an_action(match, after):
            continue
        yield match


def _shows_an_action(match: re.Match, after: str) -> bool:
    """An agent, a modal or perfect "be", or "being": only an action takes these forms."""
    return after == "by" or bool(match["before"]) or match["be"].lower() in ("been", "being")


def phrase_text(match: re.Match) -> str:
    """The words to quote to the editor: "is checked by", without the modal before them."""
    start = match.start("be")
    end = match.end("after") if match["after"] and match["after"].strip().lower() == "by" else match.end("verb")
    return match.string[start:end]
