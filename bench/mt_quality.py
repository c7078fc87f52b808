"""How good is the machine translation, and how well do the meaning checks catch its mistakes?

On the reference set (tests/fixtures/mt_reference_es.yml: English council sentences with
correct Spanish, and deliberately wrong Spanish, each wrong in one way), prints:

* chrF (sacrebleu) of Apertium's English -> Spanish output against the correct references;
* the meaning checks' recall on the deliberate errors (goal >= 90%), per kind of error, and
  their false-flag rate on the correct translations (goal <= 10%), with and without the
  round-trip check (translated back to English by Apertium, scored with chrF);
* on the sample site, how many machine segments of each language each check flags.

Not a test: it prints figures. ``--json`` also writes them.

    python3 bench/mt_quality.py [--round-trip-min 20] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import polib
import yaml

from plainpath.translation.apertium_engine import ApertiumEngine
from plainpath.translation.glossary import load_glossary
from plainpath.translation.meaning_checks import check_pairs
from plainpath.translation.memory import MACHINE, status_of

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "tests" / "fixtures" / "mt_reference_es.yml"


def checked(pairs: list[tuple[str, str]], lang: str, round_trip_min: float | None) -> list[list]:
    """The failed checks of each (English, translation) pair, all checks on."""
    terms = load_glossary(REPO / "translations" / "glossary.yml", "translations/glossary.yml").terms_for(lang)
    return check_pairs(pairs, lang, terms, round_trip_min)


def rates(reference: dict, round_trip_min: float | None) -> dict:
    correct = [(item["en"], item["es"]) for item in reference["correct"]]
    wrong = [(item["en"], item["es"]) for item in reference["wrong"]]
    false_flags = checked(correct, "es", round_trip_min)
    caught = checked(wrong, "es", round_trip_min)
    by_kind: dict[str, list[int]] = {}
    for item, failures in zip(reference["wrong"], caught):
        by_kind.setdefault(item["error"], []).append(1 if failures else 0)
    return {
        "recall": sum(1 for f in caught if f) / len(wrong),
        "false_flag_rate": sum(1 for f in false_flags if f) / len(correct),
        "recall_by_error": {kind: f"{sum(hits)}/{len(hits)}" for kind, hits in sorted(by_kind.items())},
        "false_flags_by_check": dict(Counter(f.check for fs in false_flags for f in fs)),
        "false_flag_examples": [(pair[0], [f.message for f in fs]) for pair, fs in zip(correct, false_flags) if fs][:8],
        "missed": [item["en"] + " -> " + item["es"] for item, fs in zip(reference["wrong"], caught) if not fs],
    }


def sample_site_flags(round_trip_min: float) -> dict:
    """How many machine segments of the sample site's PO files each check flags."""
    terms_file = REPO / "translations" / "glossary.yml"
    figures = {}
    # The sample's PO files as landed: checks are recorded there too now, so judge the text.
    for lang in ("es", "ca", "fr", "pt"):
        po = polib.pofile(str(REPO / "translations" / f"{lang}.po"))
        entries = [e for e in po if e.msgstr and status_of(e) == MACHINE and not e.msgctxt.startswith("plainpath:")]
        pairs = [(e.msgid, e.msgstr) for e in entries]
        terms = load_glossary(terms_file, "translations/glossary.yml").terms_for(lang)
        failures = check_pairs(pairs, lang, terms, round_trip_min)
        figures[lang] = {"machine_segments": len(pairs), "flagged": sum(1 for f in failures if f),
                         "by_check": dict(Counter(f.check for fs in failures for f in fs))}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round-trip-min", type=float, default=20.0, help="lowest round-trip chrF that passes")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from sacrebleu.metrics import CHRF

    reference = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    english = [item["en"] for item in reference["correct"]]
    machine = ApertiumEngine().translate_batch(english, "en", "es")
    chrf = CHRF().corpus_score(machine, [[item["es"] for item in reference["correct"]]]).score
    machine_flags = checked(list(zip(english, machine)), "es", args.round_trip_min)
    figures = {
        "reference": {"correct": len(reference["correct"]), "wrong": len(reference["wrong"])},
        "apertium_es_chrf": round(chrf, 1),
        "apertium_es_flagged": f"{sum(1 for f in machine_flags if f)}/{len(machine)}",
        "apertium_es_flags_by_check": dict(Counter(f.check for fs in machine_flags for f in fs)),
        "checks_without_round_trip": rates(reference, None),
        "checks_with_round_trip": rates(reference, args.round_trip_min),
        "sample_site": sample_site_flags(args.round_trip_min),
    }
    print(f"Reference set: {figures['reference']['correct']} correct and {figures['reference']['wrong']} wrong "
          "English -> Spanish translations.")
    print(f"Apertium eng-spa chrF against the references: {figures['apertium_es_chrf']}; the checks flag "
          f"{figures['apertium_es_flagged']} of its segments: {figures['apertium_es_flags_by_check']}")
    for label in ("checks_without_round_trip", "checks_with_round_trip"):
        result = figures[label]
        print(f"\n{label.replace('_', ' ')}{' (chrF >= %g)' % args.round_trip_min if 'with_' in label else ''}: "
              f"recall {result['recall']:.1%} (goal >= 90%), false flags {result['false_flag_rate']:.1%} (goal <= 10%)")
        print(f"  recall by error: {result['recall_by_error']}")
        print(f"  false flags by check: {result['false_flags_by_check']}")
        for example in result["false_flag_examples"]:
            print(f"    false flag: {example[0]} {example[1]}")
        for missed in result["missed"]:
            print(f"    missed: {missed}")
    print("\nSample site, machine segments flagged per language:")
    for lang, result in figures["sample_site"].items():
        print(f"  {lang}: {result['flagged']}/{result['machine_segments']} {result['by_check']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
