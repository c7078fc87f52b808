"""What a resident reads: the engine's real output for every evaluation sentence, and whether
the default policy publishes it (issue 28, items 1 and 5).

Each English sentence of tests/fixtures/mt_eval/*.yml goes through the build's own translation
path (glossary protection, Apertium, the meaning checks, ``publish: checked`` and ``risky_text:
checked``, the defaults in mkdocs.yml). People who never read the checks' code labelled the
engine's output correct, clumsy or wrong in meaning (tests/fixtures/mt_eval/labels/<lang>.yml).
This prints, per language and part, the share of machine sentences that are wrong in meaning and
published (goal <= 5%), and the share of sentences a resident gets in English instead.

    python3 bench/mt_published.py [--part held-out|tuning|all] [--write-output DIR] [--show] [--no-overlay]
                                  [--no-address-form]

``--write-output DIR`` writes the engine's output without the verdicts (what labellers are given).
``--no-overlay`` runs the stock pairs without the council overlay (the "before" of that change);
``--no-address-form`` leaves the pairs' tú and tu (the "before" of address_form.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mt_eval import EVAL_DIR, LANGS, REPO, load_items  # noqa: E402

from plainpath.translation import address_form, apertium_engine  # noqa: E402
from plainpath.translation.apertium_engine import ApertiumEngine  # noqa: E402
from plainpath.translation.glossary import load_glossary  # noqa: E402
from plainpath.translation.meaning_checks import DEFAULT_RISKY_ROUND_TRIP_MIN, DEFAULT_ROUND_TRIP_MIN  # noqa: E402
from plainpath.translation.memory import TranslationMemory  # noqa: E402
from plainpath.translation.pipeline import SHOWN_IN_ENGLISH, LanguageTranslator  # noqa: E402
from plainpath.translation.segments import Segment  # noqa: E402

LABELS_DIR = EVAL_DIR / "labels"


def translate_as_the_build_does(sentences: list[dict], lang: str) -> list[dict]:
    """Each sentence's engine output and whether the default policy publishes it."""
    glossary = load_glossary(REPO / "translations" / "glossary.yml", "translations/glossary.yml")
    with tempfile.TemporaryDirectory() as scratch:
        memory = TranslationMemory(Path(scratch) / f"{lang}.po", lang, f"{lang}.po")
        translator = LanguageTranslator(
            lang=lang, memory=memory, engines=[ApertiumEngine()], glossary=glossary, warn=lambda text: None,
            publish="checked", check_meaning=True, round_trip_min=DEFAULT_ROUND_TRIP_MIN,
            risky_text="checked", risky_round_trip_min=DEFAULT_RISKY_ROUND_TRIP_MIN)
        segments = [Segment(f"eval/{s['id']}", s["en"], 1) for s in sentences]
        translator.prepare(segments)
        results = []
        for sentence, segment in zip(sentences, segments):
            entry = memory.lookup(segment.context, segment.source)
            rendering = translator.render(segment)
            results.append({"id": sentence["id"], "en": sentence["en"], "machine": entry.msgstr if entry else "",
                            "published": rendering.status not in SHOWN_IN_ENGLISH, "part": sentence["part"]})
        return results


def load_labels(lang: str) -> dict[tuple[str, str], dict]:
    """People's labels, each for the exact machine text it judged: when the engine's output
    changes (a better engine path), the new text needs a new label."""
    path = LABELS_DIR / f"{lang}.yml"
    if not path.exists():
        return {}
    return {(item["id"], item["machine"]): item for item in yaml.safe_load(path.read_text(encoding="utf-8"))["labels"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("held-out", "tuning", "all"), default="held-out")
    parser.add_argument("--write-output", type=Path, help="write the engine output for labellers here")
    parser.add_argument("--unlabelled-only", action="store_true", help="with --write-output: only output no label judged")
    parser.add_argument("--show", action="store_true", help="list wrong sentences that are published (tuning only)")
    parser.add_argument("--no-overlay", action="store_true", help="the stock pairs, without the council overlay")
    parser.add_argument("--no-address-form", action="store_true", help="the pairs' tú and tu, not usted and vous")
    args = parser.parse_args()
    if args.no_overlay:
        apertium_engine.OVERLAYS.clear()
    if args.no_address_form:
        address_form.FORMS.clear()
    sentences = load_items()["sentences"]
    print(f"{'lang':5} {'labelled':>9} {'wrong':>7} {'wrong+published':>16} {'held back':>10}")
    for lang in LANGS:
        results = translate_as_the_build_does(sentences, lang)
        labels = load_labels(lang)
        if args.write_output:
            args.write_output.mkdir(parents=True, exist_ok=True)
            plain = [{"id": r["id"], "en": r["en"], "machine": r["machine"]} for r in results
                     if not args.unlabelled_only or (r["id"], r["machine"]) not in labels]
            (args.write_output / f"{lang}.yml").write_text(
                yaml.safe_dump({"lang": lang, "output": plain}, allow_unicode=True, sort_keys=False, width=200),
                encoding="utf-8")
        in_part = [r for r in results if args.part == "all" or r["part"] == args.part]
        chosen = [r for r in in_part if (r["id"], r["machine"]) in labels]
        unlabelled = len(in_part) - len(chosen)
        if not chosen:
            print(f"{lang:5} no labels yet ({len(results)} sentences translated)")
            continue
        label_of = {r["id"]: labels[(r["id"], r["machine"])] for r in chosen}
        verdicts = Counter(label_of[r["id"]]["label"] for r in chosen)
        wrong_published = [r for r in chosen if label_of[r["id"]]["label"] == "wrong" and r["published"]]
        held = sum(1 for r in chosen if not r["published"])
        print(f"{lang:5} {len(chosen):>9} {verdicts['wrong'] / len(chosen):>7.1%} "
              f"{len(wrong_published) / len(chosen):>16.1%} {held / len(chosen):>10.1%}   {dict(verdicts)}"
              + (f", {unlabelled} outputs not labelled yet" if unlabelled else ""))
        if args.show and args.part == "tuning":
            for r in wrong_published:
                print(f"    {r['id']}: {r['en']!r} -> {r['machine']!r} ({label_of[r['id']].get('note', '')})")


if __name__ == "__main__":
    main()
