"""Lint a project's English sources: every content page and every flow, with page exceptions.

Used by the build (before translation starts, so an editor hears about a long sentence in
seconds) and by ``plainpath check``. A page may carry reasoned exceptions in its front matter::

    readability_exceptions:
      - rule: long-sentence
        reason: The legal wording of the notice must stay as the law gives it.
        text: "Under section 11"     # optional: only findings whose text contains this

An exception that matches nothing is itself reported, so old exceptions do not pile up.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import Files

from plainpath.errors import EditorError, EditorErrors
from plainpath.pages.front_matter import load_front_matter
from plainpath.readability.prose import flow_blocks, page_blocks
from plainpath.readability.review_due import RULE as REVIEW_OVERDUE, overdue_findings
from plainpath.readability.rules import LintFinding, Rulebook


def lint_page(source: str, display_path: str, rulebook: Rulebook) -> list[LintFinding]:
    """Findings in one content page, after its front-matter exceptions."""
    findings = rulebook.check(list(page_blocks(source, display_path)))
    return apply_exceptions(findings, source, display_path)


def lint_flow_file(path: Path, display_path: str, rulebook: Rulebook) -> list[LintFinding]:
    """Findings in the texts of one flow file."""
    return rulebook.check(list(flow_blocks(path, display_path)))


def apply_exceptions(findings: list[LintFinding], source: str, display_path: str) -> list[LintFinding]:
    """Drop findings a page excuses with a reason; report exceptions that excuse nothing."""
    document = load_front_matter(source, display_path)
    meta = document.data if isinstance(document.data, dict) else {}
    kept = list(findings)
    for index, exception in enumerate(meta.get("readability_exceptions") or []):
        where = document.locate(("readability_exceptions", index))
        if not isinstance(exception, dict) or not exception.get("rule") or len(str(exception.get("reason", "")).strip()) < 10:
            raise EditorError(
                "page", where, "this readability exception has no rule or no reason.",
                "Write 'rule:' (for example long-sentence) and 'reason:' (why the page needs it, in a sentence).",
            )
        rule, text = exception["rule"], exception.get("text")
        matched = [f for f in kept if f.rule == rule and (not text or text in f.excerpt)]
        if matched:
            kept = [f for f in kept if f not in matched]
        else:
            kept.append(LintFinding(
                display_path, where.line or 1, where.column or 1, "unused-exception",
                f"the exception for '{rule}' matches nothing on this page.",
                "Remove it from readability_exceptions.", "warn",
            ))
    return sorted(kept, key=lambda f: (f.line, f.column, f.rule))


def lint_sources(root: Path, docs_dir: Path, files: Files, flows_dir: Path, rulebook: Rulebook,
                 kept: dict | None = None) -> list[LintFinding]:
    """Findings in every page an editor wrote (not generated ones) and every flow file."""
    docs = docs_dir.resolve().relative_to(root).as_posix()
    pages = [(f"{docs}/{file.src_uri}", file.content_string)
             for file in files.documentation_pages() if file.generated_by is None]
    return lint_project(root, pages, flows_dir, rulebook, kept)


def lint_project(root: Path, pages: list[tuple[str, str]], flows_dir: Path, rulebook: Rulebook,
                 kept: dict | None = None) -> list[LintFinding]:
    """Findings in every page (``(display path, source)``) and every flow file.

    ``kept`` holds the previous run's findings by (path, source): the preview lints only what
    changed. It is updated in place; pages that are gone leave it.
    """
    findings: list[LintFinding] = []
    for display_path, source in pages:
        found = kept.get((display_path, source)) if kept is not None else None
        if found is None:
            found = lint_page(source, display_path, rulebook)
            if kept is not None:
                kept[(display_path, source)] = found
        findings += found
    if kept is not None:
        for gone in set(kept) - set(pages):
            del kept[gone]
    findings += overdue_findings(pages, rulebook.review_after_months, rulebook.levels.get(REVIEW_OVERDUE, "warn"))
    for flow_file in sorted(flows_dir.glob("*.yml")) if flows_dir.is_dir() else []:
        try:
            findings += lint_flow_file(flow_file, flow_file.relative_to(root).as_posix(), rulebook)
        except (EditorError, EditorErrors):
            continue  # a flow that cannot be read is the flows' own error, said once there
    return findings
