"""How long an editor waits for a save to show in the preview, against ``mkdocs serve``.

On the reference site (``bench/reference_site.py``) with English and four translated languages,
at each size, in one run:

1. the site is built once (``mkdocs build``), so the translation memory holds every segment, as
   in an editor's checkout;
2. ``plainpath serve`` starts; then five saves of each kind, one at a time, each timed from the
   save until the page served over HTTP contains it (polling every 20 ms):
   - one paragraph of one page: until the English page and the Spanish page show it;
   - one step title of one flow: until the English and the Spanish step-by-step pages show it;
   - one msgstr in ``translations/es.po`` (a translator in Poedit): until the Spanish page shows it;
3. ``mkdocs serve`` on the same project, the same page edit (fewer saves at 1,000 pages: each
   is a full rebuild).

Each save puts a new number into the text; Apertium keeps numbers, so the Spanish page is known
to show the save when it shows the number. Writes ``bench/results/preview_bench.json`` and prints
a Markdown table. Not a test.

    python3 bench/preview_bench.py [--sizes 100 1000] [--edits 5] [--peer-edits-large 2]
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

from reference_site import make_reference_site

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))
from plainpath.preview.process import PreviewProcess  # noqa: E402
from plainpath.site_build import build_site  # noqa: E402

LANGUAGES = ["es", "fr", "pt", "ca"]
PAGE = "parking/visitor-parking-permit/page-6.md"  # generated at every size
FLOW = "steps-0"


def page_url(src_uri: str, prefix: str = "") -> str:
    return prefix + src_uri.removesuffix(".md") + "/"


def edit_page(project: Path, token: int) -> tuple[Path, str]:
    """The page with its first paragraph rewritten: (file, new text)."""
    path = project / "content" / PAGE
    lines = path.read_text(encoding="utf-8").split("\n")
    body = lines.index("---", 1) + 2  # the first paragraph after the front matter
    lines[body] = f"Contact the council about case {token}."
    return path, "\n".join(lines)


def edit_flow(project: Path, token: int) -> tuple[Path, str]:
    path = project / "flows" / f"{FLOW}.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("title: Get your ")
    end = text.index("\n", start)
    return path, text[:start] + f"title: Get your {token} documents ready" + text[end:]


def edit_po(project: Path, token: int) -> tuple[Path, str]:
    """A translator's reviewed correction, as Poedit saves it (the whole file)."""
    path = project / "translations" / "es.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == f"content/{PAGE}" and e.msgid == "What you need")
    entry.msgstr = f"Lo que necesitas {token}"
    entry.flags = []
    return path, po.__unicode__()


def timed(served: PreviewProcess, edit, project: Path, token: int, paths: list[str]) -> float:
    """Seconds from the save (the file written whole, as editors' programs do) until every
    path serves the new number."""
    path, text = edit(project, token)
    started = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    for path in paths:
        served.wait_for(path, str(token), timeout=900)
    return time.perf_counter() - started


def figures(seconds: list[float]) -> dict:
    return {"median": round(statistics.median(seconds), 3), "max": round(max(seconds), 3),
            "runs": [round(s, 3) for s in seconds]}


def measure(pages: int, edits: int, peer_edits: int, work: Path) -> dict:
    project = make_reference_site(work / f"site-{pages}", pages, LANGUAGES)
    started = time.perf_counter()
    result = build_site(project, work / f"built-{pages}", strict=False)
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    first_build = time.perf_counter() - started
    page_paths = [page_url(PAGE), page_url(PAGE, "es/")]
    flow_paths = [f"flows/{FLOW}/", f"es/flows/{FLOW}/"]
    token = 10_000 * pages
    served = PreviewProcess(project, work / f"plainpath-serve-{pages}.log")
    out = {"pages": pages, "languages": 1 + len(LANGUAGES), "first_build_s": round(first_build, 1),
           "plainpath_start_s": round(served.start_seconds, 2)}
    try:
        served.get(page_paths[0])
        for name, edit, paths in (("page", edit_page, page_paths), ("flow", edit_flow, flow_paths),
                                  ("po", edit_po, page_paths[1:])):
            runs = []
            for _ in range(edits):
                token += 7
                runs.append(timed(served, edit, project, token, paths))
            out[f"plainpath_{name}"] = figures(runs)
            print(f"  {pages} pages, plainpath serve, {name} edit: {out[f'plainpath_{name}']}", flush=True)
    finally:
        served.stop()
    if not peer_edits:
        return out
    peer = PreviewProcess(project, work / f"mkdocs-serve-{pages}.log", mkdocs=True)
    out["mkdocs_serve_start_s"] = round(peer.start_seconds, 2)
    try:
        runs = []
        for _ in range(peer_edits):
            token += 7
            runs.append(timed(peer, edit_page, project, token, page_paths))
        out["mkdocs_serve_page"] = figures(runs)
        print(f"  {pages} pages, mkdocs serve, page edit: {out['mkdocs_serve_page']}", flush=True)
    finally:
        peer.stop()
    out["speedup_page_median"] = round(out["mkdocs_serve_page"]["median"] / out["plainpath_page"]["median"], 1)
    return out


def table(results: list[dict]) -> str:
    rows = [
        ("first build (fills the memory), s", lambda r: r["first_build_s"]),
        ("plainpath serve: ready after start, s", lambda r: r["plainpath_start_s"]),
        ("page edit -> English and Spanish served, median / max s",
         lambda r: f"{r['plainpath_page']['median']} / {r['plainpath_page']['max']}"),
        ("flow edit -> English and Spanish served, median / max s",
         lambda r: f"{r['plainpath_flow']['median']} / {r['plainpath_flow']['max']}"),
        ("es.po edit -> Spanish served, median / max s",
         lambda r: f"{r['plainpath_po']['median']} / {r['plainpath_po']['max']}"),
        ("mkdocs serve: ready after start, s", lambda r: r["mkdocs_serve_start_s"]),
        ("mkdocs serve: page edit -> served, median / max s",
         lambda r: f"{r['mkdocs_serve_page']['median']} / {r['mkdocs_serve_page']['max']} "
                   f"({len(r['mkdocs_serve_page']['runs'])} edits)"),
        ("mkdocs serve / plainpath serve (page edit, median)", lambda r: f"{r['speedup_page_median']}x"),
    ]
    lines = ["| figure | " + " | ".join(f"N = {r['pages']} x {r['languages']} languages" for r in results) + " |",
             "|---|" + "---:|" * len(results)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(str(cell(r)) for r in results) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--peer-edits-large", type=int, default=2,
                        help="mkdocs serve saves at 1,000 pages and more (each is a full rebuild)")
    parser.add_argument("--no-peer", action="store_true", help="plainpath serve only (while tuning)")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="plainpath-preview-bench-") as folder:
        for pages in args.sizes:
            peer_edits = 0 if args.no_peer else args.edits if pages < 1000 else args.peer_edits_large
            results.append(measure(pages, args.edits, peer_edits, Path(folder)))
    if args.no_peer:
        print(json.dumps(results, indent=1))
        return
    machine = {"python": platform.python_version(), "cpus": __import__("os").cpu_count(),
               "graphviz": subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()}
    out = REPO / "bench" / "results" / "preview_bench.json"
    out.write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n", encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
