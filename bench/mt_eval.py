"""The meaning checks on an evaluation set nobody on the project wrote (issue 28, items 1 and 5).

tests/fixtures/mt_eval/*.yml were written by helper sessions briefed only with the task
(/work/eval_drafts/BRIEF.md, kept in tests/fixtures/mt_eval/BRIEF.md): council sentences with
correct es/fr/pt/ca translations, translations wrong in one way each (with its kind), and correct
ones worded freely. Each sentence falls, by a hash of its id, into the tuning part (70%) or the
held-out part (30%). Word lists and thresholds are tuned on the tuning part only; the figures
that count are the held-out ones.

Prints, per language and part: recall on the wrong translations (goal >= 85%), false flags on
literal (<= 10%) and freely worded (<= 20%) correct translations, and recall per kind.

    python3 bench/mt_eval.py [--part held-out|tuning|all] [--show-misses]   (misses: tuning only)
"""

from __future__ import annotations

import argparse
import hashlib
from collections import defaultdict
from pathlib import Path

import yaml

from plainpath.translation.glossary import load_glossary
from plainpath.translation.meaning_checks import DEFAULT_RISKY_ROUND_TRIP_MIN, DEFAULT_ROUND_TRIP_MIN, check_pairs

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO / "tests" / "fixtures" / "mt_eval"
LANGS = ("es", "fr", "pt", "ca")
HELD_OUT_SHARE = 30


def part_of(sentence_id: str) -> str:
    """"held-out" for 30% of the sentences, "tuning" for the rest, fixed by the id alone."""
    digest = int(hashlib.sha256(sentence_id.encode("utf-8")).hexdigest(), 16)
    return "held-out" if digest % 100 < HELD_OUT_SHARE else "tuning"


def load_items() -> dict[str, list[dict]]:
    """Every file's sentences, wrong and free items, each with its part."""
    items: dict[str, list[dict]] = {"sentences": [], "wrong": [], "free": []}
    for path in sorted(EVAL_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        english = {s["id"]: s["en"] for s in data["sentences"]}
        for sentence in data["sentences"]:
            items["sentences"].append({**sentence, "part": part_of(sentence["id"])})
        for kind in ("wrong", "free"):
            for item in data.get(kind) or []:
                items[kind].append({**item, "en": english[item["id"]], "part": part_of(item["id"])})
    return items


def judge(items: dict[str, list[dict]], part: str, risky: bool) -> dict[str, dict]:
    """Per language: recall, false flags (literal, free) and recall per kind, for ``part``."""
    glossary = load_glossary(REPO / "translations" / "glossary.yml", "translations/glossary.yml")
    chosen = {kind: [i for i in found if part == "all" or i["part"] == part] for kind, found in items.items()}
    figures = {}
    for lang in LANGS:
        # Names every translation must keep. The glossary's fixed council terms are not used here:
        # the build puts them into the engine's output before the checks run (glossary.protect),
        # so they never catch a machine's mistake, and a person's correct "plazo" for "closing
        # date" is not a wrong translation.
        terms = {name: name for name in glossary.do_not_translate}
        literal = [(s["en"], s[lang]) for s in chosen["sentences"] if s.get(lang)]
        wrong = [i for i in chosen["wrong"] if i["lang"] == lang]
        free = [i for i in chosen["free"] if i["lang"] == lang]
        pairs = literal + [(i["en"], i["text"]) for i in wrong + free]
        verdicts = check_pairs(pairs, lang, terms, DEFAULT_ROUND_TRIP_MIN,
                               DEFAULT_RISKY_ROUND_TRIP_MIN if risky else None)
        on_literal, rest = verdicts[: len(literal)], verdicts[len(literal):]
        on_wrong, on_free = rest[: len(wrong)], rest[len(wrong):]
        by_kind: dict[str, list[int]] = defaultdict(list)
        for item, failures in zip(wrong, on_wrong):
            by_kind[item["kind"]].append(1 if failures else 0)
        figures[lang] = {
            "recall": _share(on_wrong), "wrong": len(wrong),
            "false_literal": _share(on_literal), "literal": len(literal),
            "false_free": _share(on_free), "free": len(free),
            "by_kind": {kind: f"{sum(v)}/{len(v)}" for kind, v in sorted(by_kind.items())},
            "missed": [(i["kind"], i["en"], i["text"]) for i, f in zip(wrong, on_wrong) if not f],
            "flagged_literal": [(p, [x.check for x in f]) for p, f in zip(literal, on_literal) if f],
            "flagged_free": [((i["en"], i["text"]), [x.check for x in f]) for i, f in zip(free, on_free) if f],
        }
    return figures


def _share(verdicts: list[list]) -> float:
    return sum(1 for v in verdicts if v) / len(verdicts) if verdicts else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("held-out", "tuning", "all"), default="held-out")
    parser.add_argument("--risky", action="store_true", help="judge as the build does under risky_text: checked")
    parser.add_argument("--show-misses", action="store_true", help="list misses and false flags (tuning part only)")
    args = parser.parse_args()
    items = load_items()
    counts = {kind: len(found) for kind, found in items.items()}
    held = {kind: sum(1 for i in found if i["part"] == "held-out") for kind, found in items.items()}
    print(f"Evaluation set: {counts} ({held} held out)")
    figures = judge(items, args.part, args.risky)
    print(f"\nPart: {args.part}{' (risky text judged as the build does)' if args.risky else ''}")
    print(f"{'lang':5} {'recall':>14} {'false literal':>16} {'false free':>14}")
    for lang, f in figures.items():
        print(f"{lang:5} {f['recall']:>7.1%} of {f['wrong']:<4} {f['false_literal']:>8.1%} of {f['literal']:<4} "
              f"{f['false_free']:>6.1%} of {f['free']:<4}")
        print(f"      by kind: {f['by_kind']}")
    if args.show_misses and args.part == "tuning":
        for lang, f in figures.items():
            for miss in f["missed"]:
                print(f"  {lang} missed {miss}")
            for flagged in f["flagged_literal"] + f["flagged_free"]:
                print(f"  {lang} false flag {flagged}")


if __name__ == "__main__":
    main()
