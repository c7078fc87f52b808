"""How plainpath's build cost and page weight grow with pages, against plain mkdocs-material.

Builds the reference site (``bench/reference_site.py``: a council's guidance in sections three
levels deep, pictures, forms, step-by-step guides, some long pages) at each size, in one run:

1. plain ``mkdocs build`` with mkdocs-material on the same pages, English; the peer for a
   multilingual site is that build once per language (its time times the languages: each
   language's build has the same pages and the same navigation);
2. plainpath with English and every language: the first build (translating everything through
   Apertium into the memory) and warm builds (every translation in the memory);
3. what a resident downloads for one page: HTML alone (median, largest), and the whole page
   (HTML + CSS + JS it loads, search index apart), uncompressed and gzip;
4. each language's search index, uncompressed and gzip, loaded on the first search;
5. peak memory (max RSS) of the builds, and seconds per page (constant when cost is linear).

Writes ``bench/results/site_bench.json`` and prints a Markdown table. Not a test.

    python3 bench/site_bench.py [--sizes 100 1000 3000] [--runs 1] [--languages es fr pt ca]
"""

from __future__ import annotations

import argparse
import gzip
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

from reference_site import make_reference_site

REPO = Path(__file__).resolve().parents[1]


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


def page_weights(site: Path, languages: list[str]) -> dict:
    """Median and largest HTML per page; median whole page (HTML + CSS + JS), raw and gzip."""
    html_sizes, html_gzip, whole, whole_gzip = [], [], [], []
    asset_sizes: dict[Path, tuple[int, int]] = {}
    for page in site.rglob("index.html"):
        parts = page.relative_to(site).parts
        if parts[0] in ("search", "assets") or (len(parts) > 1 and parts[1] == "search"):
            continue
        data = page.read_bytes()
        html_sizes.append(len(data))
        html_gzip.append(len(gzip.compress(data)))
        total, total_gzip = len(data), html_gzip[-1]
        tree = lxml_html.fromstring(data)
        for href in tree.xpath("//link[@rel='stylesheet']/@href | //script/@src"):
            asset = (page.parent / href.split("?")[0]).resolve()
            if asset.exists():
                if asset not in asset_sizes:
                    raw = asset.read_bytes()
                    asset_sizes[asset] = (len(raw), len(gzip.compress(raw)))
                total += asset_sizes[asset][0]
                total_gzip += asset_sizes[asset][1]
        whole.append(total)
        whole_gzip.append(total_gzip)
    search = {}
    for code in ["en", *languages]:
        index = site / ("search" if code == "en" else f"{code}/search") / "search_index.json"
        if index.exists():
            raw = index.read_bytes()
            search[code] = [len(raw), len(gzip.compress(raw))]
    return {
        "pages_built": len(html_sizes),
        "html_median_bytes": int(statistics.median(html_sizes)),
        "html_max_bytes": max(html_sizes),
        "html_median_gzip_bytes": int(statistics.median(html_gzip)),
        "page_median_bytes": int(statistics.median(whole)),
        "page_median_gzip_bytes": int(statistics.median(whole_gzip)),
        "search_index_bytes": search,
    }


def bench_size(pages: int, runs: int, languages: list[str], work: Path) -> dict:
    print(f"--- {pages} pages", file=sys.stderr, flush=True)
    plain = make_reference_site(work / f"plain-{pages}", pages, [], plainpath=False)
    multi = make_reference_site(work / f"multi-{pages}", pages, languages, plainpath=True)
    figures: dict = {"pages": pages, "languages": ["en", *languages]}
    figures["plain_mkdocs_s"], _, figures["plain_peak_kb"] = median_build(plain, work / "plain-site", runs)
    figures["plain_mkdocs_per_language_s"] = figures["plain_mkdocs_s"] * (1 + len(languages))
    cold, log, cold_peak = build(multi, work / "multi-site")
    figures["plainpath_cold_translation_s"] = cold
    figures["cold_segments_sent"] = sent(log)
    figures["plainpath_warm_s"], log, warm_peak = median_build(multi, work / "multi-site", runs)
    figures["plainpath_peak_kb"] = max(cold_peak, warm_peak)
    figures["warm_segments_sent"] = sent(log)
    figures["plainpath"] = page_weights(work / "multi-site", languages)
    figures["plain"] = page_weights(work / "plain-site", [])
    built = figures["plainpath"]["pages_built"]
    figures["plainpath_ms_per_built_page"] = 1000 * figures["plainpath_warm_s"] / built
    figures["plain_ms_per_built_page"] = 1000 * figures["plain_mkdocs_s"] / figures["plain"]["pages_built"]
    figures["warm_vs_plain_per_language"] = figures["plainpath_warm_s"] / figures["plain_mkdocs_per_language_s"]
    for key, value in list(figures.items()):
        if isinstance(value, float):
            figures[key] = round(value, 2)
    print(json.dumps(figures), file=sys.stderr, flush=True)
    return figures


def table(results: list[dict]) -> str:
    first = results[0]
    rows = [
        ("plain mkdocs-material, English (s)", lambda r: r["plain_mkdocs_s"]),
        ("plain mkdocs-material once per language (s)", lambda r: r["plain_mkdocs_per_language_s"]),
        ("plainpath, all languages, warm (s)", lambda r: r["plainpath_warm_s"]),
        ("  ratio to plain once per language", lambda r: r["warm_vs_plain_per_language"]),
        ("plainpath, first build translating everything (s)", lambda r: r["plainpath_cold_translation_s"]),
        ("  segments sent to Apertium per language", lambda r: ", ".join(f"{k} {v}" for k, v in r["cold_segments_sent"].items())),
        ("warm build: segments sent", lambda r: ", ".join(f"{k} {v}" for k, v in r["warm_segments_sent"].items()) or "0"),
        ("pages built, all languages", lambda r: r["plainpath"]["pages_built"]),
        ("plainpath ms per built page (warm)", lambda r: r["plainpath_ms_per_built_page"]),
        (f"  ratio to N = {first['pages']}", lambda r: round(r["plainpath_ms_per_built_page"] / first["plainpath_ms_per_built_page"], 2)),
        ("plain ms per built page", lambda r: r["plain_ms_per_built_page"]),
        (f"  ratio to N = {first['pages']}", lambda r: round(r["plain_ms_per_built_page"] / first["plain_ms_per_built_page"], 2)),
        ("HTML per page, median (KB)", lambda r: kb(r["plainpath"]["html_median_bytes"])),
        ("HTML per page, median, gzip (KB)", lambda r: kb(r["plainpath"]["html_median_gzip_bytes"])),
        ("HTML per page, largest (KB)", lambda r: kb(r["plainpath"]["html_max_bytes"])),
        ("whole page, median: HTML+CSS+JS (KB)", lambda r: kb(r["plainpath"]["page_median_bytes"])),
        ("whole page, median, gzip (KB)", lambda r: kb(r["plainpath"]["page_median_gzip_bytes"])),
        ("plain mkdocs-material HTML per page, median (KB)", lambda r: kb(r["plain"]["html_median_bytes"])),
        ("plain mkdocs-material whole page, median (KB)", lambda r: kb(r["plain"]["page_median_bytes"])),
        ("search index per language, KB (gzip)", lambda r: ", ".join(f"{k} {kb(v[0])} ({kb(v[1])})" for k, v in r["plainpath"]["search_index_bytes"].items())),
        ("plain mkdocs-material search index, KB (gzip)", lambda r: ", ".join(f"{kb(v[0])} ({kb(v[1])})" for v in r["plain"]["search_index_bytes"].values())),
        ("peak memory, plainpath (MB)", lambda r: round(r["plainpath_peak_kb"] / 1024)),
        ("peak memory, plain mkdocs-material (MB)", lambda r: round(r["plain_peak_kb"] / 1024)),
    ]
    lines = ["| figure | " + " | ".join(f"N = {r['pages']}" for r in results) + " |",
             "|---|" + "---:|" * len(results)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(str(cell(r)) for r in results) + " |")
    return "\n".join(lines)


def kb(value: int) -> float:
    return round(value / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--runs", type=int, default=1, help="warm runs per figure (median)")
    parser.add_argument("--runs-large", type=int, default=1, help="runs per figure from 1000 pages up")
    parser.add_argument("--languages", nargs="*", default=["es", "fr", "pt", "ca"])
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
