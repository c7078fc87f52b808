"""All benchmarks in one command: build growth, machine translation, accessibility gate.

    python3 bench/run.py            # default sizes; about 10 minutes on 2 cores

Each script prints its own table and writes JSON under bench/results/; this runs them in turn
and prints the headline figures together. Needs the README set-up (the MT benchmark builds its
realistic-size model with transformers, installed by .ci/setup).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"


def run(script: str, *args: str) -> None:
    print(f"\n=== {script} {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, str(BENCH / script), *args], check=True)


def main() -> None:
    started = time.perf_counter()
    RESULTS.mkdir(exist_ok=True)
    run("site_bench.py", "--sizes", "100", "1000", "--json", str(RESULTS / "site_bench.json"))
    run("mt_bench.py", "--json", str(RESULTS / "mt_bench.json"))
    run("a11y_gate_bench.py", "--edit", "--json", str(RESULTS / "a11y_gate_bench.json"))
    site = json.loads((RESULTS / "site_bench.json").read_text())["results"]
    mt = json.loads((RESULTS / "mt_bench.json").read_text())
    gate = json.loads((RESULTS / "a11y_gate_bench.json").read_text())
    print("\n=== headline figures")
    for result in site:
        print(f"N={result['pages']}: warm build of all languages {result['warm_vs_plain_per_language']}x plain "
              f"mkdocs-material once per language; {result['plainpath_ms_per_built_page']} ms per page; "
              f"median HTML {result['plainpath']['html_median_bytes'] // 1024} KB a page")
    for label, figures in mt.items():
        seconds = figures["seconds"]
        ours = seconds["plainpath ArgosEngine.translate_batch"]
        raw = seconds["raw CTranslate2 translate_batch (32 per batch)"]
        print(f"MT, {label}: our pipeline at {raw / ours:.0%} of raw CTranslate2 throughput")
    seconds = gate["seconds"]
    baseline = next(v for k, v in seconds.items() if k.startswith("one new browser"))
    peer = next(v for k, v in seconds.items() if k.startswith("pa11y-ci"))
    full = next(v for k, v in seconds.items() if k.startswith("the gate"))
    cached = gate["cached_after_edit"]
    print(f"Accessibility gate: {gate['pages'] / full:.2f} pages/s, {peer / full:.2f}x pa11y-ci, "
          f"{baseline / full:.2f}x one new browser per page; after one edit {cached['seconds']} s for "
          f"{cached['pages']} pages ({cached['checked']} checked)")
    print(f"Total: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
