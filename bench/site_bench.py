"""How plainpath's build cost grows with pages and languages, against plain MkDocs, in one run.

Generates a synthetic council site of N pages (guidance text from our corpus, links with anchors,
tables, lists, flows) and measures, with medians of several runs:

1. build overhead: plainpath (English only) against plain ``mkdocs build`` with mkdocs-material
   on the same pages; plainpath with every language (translations in memory) against plain
   MkDocs run once per language (N pages each: the plain build's time times the languages);
2. warm rebuild (nothing changed) and incremental rebuild (one paragraph edited): time and
   segments sent to an engine (must equal the segments edited, per language);
3. page weight a resident downloads (HTML, CSS, JS, fonts; search index apart), median and largest;
4. peak memory (max RSS) of a full build.

Writes ``bench/results/site_bench.json`` and prints a Markdown table. Not a test.

    python3 bench/site_bench.py [--sizes 100 300 1000] [--runs 3] [--runs-large 1] [--languages es]

The defaults keep the whole benchmark suite (bench/run.py) within 15 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import html as lxml_html

REPO = Path(__file__).resolve().parents[1]
SENTENCES = [line.split("\t")[0] for line in
             (REPO / "tests/fixtures/corpus/en-es.tsv").read_text(encoding="utf-8").splitlines()
             if line.split("\t")[0].endswith(".")]
HEADINGS = ["What you need", "How to apply", "What happens next", "What it costs", "Who can get help"]


def page_source(number: int, total: int) -> str:
    """One guidance page: front matter, sections, a list, a table and links to other pages."""
    def sentence(k: int) -> str:
        return SENTENCES[(number * 7 + k) % len(SENTENCES)]

    links = [f"[Page {(number + step) % total}](page-{(number + step) % total}.md#how-to-apply)"
             for step in (1, 7, 31)]
    flow = f"\n[[flow flow-{number // 50}]]\n" if number % 50 == 0 else ""
    body = [f"{sentence(0)} {sentence(1)} Read {links[0]} and {links[1]}.", flow]
    for index, heading in enumerate(HEADINGS[:4]):
        body += [f"## {heading}", "", f"{sentence(index + 2)} {sentence(index + 3)} {sentence(index + 4)}", ""]
    body += ["- " + sentence(10), "- " + sentence(11), "- " + sentence(12), "",
             "| Item | Cost |", "| --- | --- |", f"| First item | £{number % 90 + 10} |", "| Second item | £20 |", "",
             f"See also {links[2]}."]
    return (f"---\ntitle: Council service {number}\nsummary: How to use council service {number}.\n"
            f"service: service-{number // 50}\nowner: Test team\nlast_reviewed: 2026-11-01\n---\n\n"
            + "\n".join(body) + "\n")


def flow_source(number: int) -> str:
    first = number * 50
    return f"""id: flow-{number}
title: Use council service {first}
summary: The steps to use council service {first}.
service: service-{number}
steps:
  - id: check
    title: Check you can use the service
    page: page-{first}.md
    next: ready
  - id: ready
    decision: Do you have your documents?
    answers:
      - answer: "Yes"
        next: apply
      - answer: "No"
        next: gather
  - id: gather
    title: Get your documents ready
    next: apply
  - id: apply
    title: Apply online
    next: done
  - id: done
    outcome: We send you a reply
    time: Within 10 working days
"""


def make_project(folder: Path, pages: int, languages: list[str], plainpath: bool) -> Path:
    content = folder / "content"
    content.mkdir(parents=True)
    (content / "index.md").write_text(page_source(0, pages).replace("page-0.md", "index.md"), encoding="utf-8")
    for number in range(1, pages):
        (content / f"page-{number}.md").write_text(page_source(number, pages).replace("page-0.md", "index.md"), encoding="utf-8")
    flows = folder / "flows"
    flows.mkdir()
    for number in range((pages - 1) // 50 + 1):
        (flows / f"flow-{number}.yml").write_text(flow_source(number).replace("page-0.md", "index.md"), encoding="utf-8")
    theme = f"  custom_dir: {REPO / 'plugins/plainpath/theme'}\n" if plainpath else ""
    plugins = "  - search\n"
    if plainpath:
        langs = "".join(f"        - code: {code}\n          name: {code}\n          engines: [apertium]\n" for code in languages)
        plugins += ("  - plainpath/pages\n  - plainpath/flows\n  - plainpath/i18n:\n      languages:\n"
                    + (langs or "        []\n") + "  - plainpath/readability\n  - plainpath/links\n")
    (folder / "mkdocs.yml").write_text(
        f"site_name: Benchmark council\nsite_url: https://example.gov.uk/\ndocs_dir: content\n"
        f"theme:\n  name: material\n{theme}  font: false\nmarkdown_extensions:\n  - tables\n  - toc\n"
        f"plugins:\n{plugins}", encoding="utf-8")
    return folder


def build(project: Path, site: Path) -> tuple[float, str, int]:
    """Seconds, log and peak RSS (KB) of one ``mkdocs build`` in a fresh process."""
    probe = ("import resource,subprocess,sys;"
             "r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
             "sys.stderr.write(r.stderr);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);sys.exit(r.returncode)")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
        cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return seconds, result.stderr, int(result.stdout.strip().splitlines()[-1])


def sent(log: str) -> dict[str, int]:
    return {code: int(n) for code, n in re.findall(r"Translated '(\w+)'.*?(\d+) segment\(s\) sent", log)}


def median_build(project: Path, site: Path, runs: int) -> tuple[float, str, int]:
    results = [build(project, site) for _ in range(runs)]
    return statistics.median(r[0] for r in results), results[-1][1], max(r[2] for r in results)


def page_weights(site: Path) -> tuple[int, int, int]:
    """Median and largest bytes per page (HTML + CSS + JS + fonts it loads), and the search index."""
    weights = []
    for page in site.rglob("index.html"):
        if page.parts[len(site.parts)] in ("search", "assets"):
            continue
        tree = lxml_html.parse(str(page))
        total = page.stat().st_size
        for href in tree.xpath("//link[@rel='stylesheet']/@href | //script/@src"):
            asset = (page.parent / href.split("?")[0]).resolve()
            if asset.exists():
                total += asset.stat().st_size
        weights.append(total)
    index = site / "search" / "search_index.json"
    return int(statistics.median(weights)), max(weights), index.stat().st_size if index.exists() else 0


def bench_size(pages: int, runs: int, languages: list[str], work: Path) -> dict:
    print(f"--- {pages} pages", file=sys.stderr, flush=True)
    plain = make_project(work / f"plain-{pages}", pages, [], plainpath=False)
    english = make_project(work / f"english-{pages}", pages, [], plainpath=True)
    multi = make_project(work / f"multi-{pages}", pages, languages, plainpath=True)
    figures: dict = {"pages": pages, "languages": ["en", *languages]}
    figures["plain_mkdocs_s"], _, figures["plain_peak_kb"] = median_build(plain, work / "s1", runs)
    figures["plainpath_english_s"], _, _ = median_build(english, work / "s2", runs)
    # The peer for a multilingual site: plain MkDocs run once per language, N pages each.
    figures["plain_mkdocs_all_pages_s"] = figures["plain_mkdocs_s"] * (1 + len(languages))
    cold, log, _ = build(multi, work / "s4")
    figures["plainpath_cold_translation_s"] = round(cold, 2)
    figures["cold_segments_sent"] = sent(log)
    figures["plainpath_all_languages_warm_s"], log, figures["plainpath_peak_kb"] = median_build(multi, work / "s4", runs)
    figures["warm_segments_sent"] = sent(log)
    page = multi / "content" / "page-1.md"
    text = page.read_text(encoding="utf-8")
    first_paragraph = text.split("---\n\n", 1)[1].split("\n", 1)[0]
    page.write_text(text.replace(first_paragraph, "We changed this paragraph for the benchmark."), encoding="utf-8")
    figures["incremental_s"], log, _ = build(multi, work / "s4")
    figures["incremental_segments_sent"] = sent(log)
    figures["segments_edited_per_language"] = 1
    figures["page_weight_median_bytes"], figures["page_weight_max_bytes"], figures["search_index_bytes"] = page_weights(work / "s4")
    figures["plain_page_weight_median_bytes"], _, _ = page_weights(work / "s1")
    for key, value in list(figures.items()):
        if isinstance(value, float):
            figures[key] = round(value, 2)
    figures["overhead_english"] = round(figures["plainpath_english_s"] / figures["plain_mkdocs_s"], 2)
    figures["overhead_all_languages"] = round(figures["plainpath_all_languages_warm_s"] / figures["plain_mkdocs_all_pages_s"], 2)
    print(json.dumps(figures), file=sys.stderr, flush=True)
    return figures


def table(results: list[dict]) -> str:
    rows = [
        ("plain mkdocs build, English (s)", "plain_mkdocs_s"),
        ("plainpath, English only (s)", "plainpath_english_s"),
        ("  overhead ratio", "overhead_english"),
        ("plain mkdocs once per language (s)", "plain_mkdocs_all_pages_s"),
        ("plainpath, all languages, warm (s)", "plainpath_all_languages_warm_s"),
        ("  overhead ratio", "overhead_all_languages"),
        ("first build, translating everything (s)", "plainpath_cold_translation_s"),
        ("one paragraph edited: rebuild (s)", "incremental_s"),
        ("  segments sent per language", "incremental_segments_sent"),
        ("warm rebuild: segments sent", "warm_segments_sent"),
        ("page weight, median (bytes)", "page_weight_median_bytes"),
        ("page weight, largest (bytes)", "page_weight_max_bytes"),
        ("plain mkdocs page weight, median (bytes)", "plain_page_weight_median_bytes"),
        ("search index, English (bytes)", "search_index_bytes"),
        ("peak memory, plainpath build (MB)", "plainpath_peak_kb"),
        ("peak memory, plain mkdocs (MB)", "plain_peak_kb"),
    ]
    lines = ["| figure | " + " | ".join(f"N = {r['pages']}" for r in results) + " |",
             "|---|" + "---:|" * len(results)]
    for label, key in rows:
        cells = []
        for r in results:
            value = r[key]
            if key.endswith("_kb"):
                value = round(value / 1024)
            if isinstance(value, dict):
                value = ", ".join(f"{k} {v}" for k, v in value.items()) or "0"
            cells.append(str(value))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--runs-large", type=int, default=1, help="runs per figure from 1000 pages up")
    parser.add_argument("--languages", nargs="*", default=["es"])
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "site_bench.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="plainpath-site-bench-"))
    started = time.perf_counter()
    try:
        results = [bench_size(n, args.runs if n < 1000 else args.runs_large, args.languages, work)
                   for n in args.sizes]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    machine = f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": machine, "runs": args.runs, "runs_large": args.runs_large,
                                     "results": results}, indent=1), encoding="utf-8")
    print(f"Machine: {machine}; medians of {args.runs} runs ({args.runs_large} from 1000 pages); "
          f"total {time.perf_counter() - started:.0f} s\n")
    print(table(results))


if __name__ == "__main__":
    main()
