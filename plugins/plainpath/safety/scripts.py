"""Script on residents' pages comes from the theme and plainpath, and from nowhere else unasked.

The Content-Security-Policy allows every same-origin script file and hashes every inline script
the build wrote, so a setting that adds a script would be trusted on every page of the site:
``extra_javascript`` naming a file from content/ (editors' text run as code), a script from
another host (residents' visits told to it), an inline ``<script>`` or a ``.js`` file in a
council's theme override (``custom_dir``), or mkdocs-material's analytics. Each is refused with
the line of mkdocs.yml (or of the template) to change. A council that wants a script of its own,
analytics say, names it under ``council_scripts:`` of ``plainpath/pages``: a ``.js`` file in its
``custom_dir``, off unless named.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from plainpath.errors import EditorError, SourceLocation
from plainpath.pages.raw_html import find_line

# A script element however a template spells it: "<script", "< SCRIPT", or a tag name or the
# word "script" made by a Jinja expression ("<{{ 'scr' ~ 'ipt' }}>").
SCRIPT_TAG = re.compile(r"<\s*script\b|<\s*\{[{%]|\{[{%][^}]*(\bscripts?\b|['\"]\s*~)", re.IGNORECASE)
SCRIPT_FILES = (".js", ".mjs", ".cjs")
NAMED_OPTION = "council_scripts: under plainpath/pages in mkdocs.yml"


def script_errors(config, own_scripts: tuple[str, ...], council_scripts: list[str],
                  plainpath_theme: Path) -> list[EditorError]:
    """Every setting in ``config`` that would add a script nobody named under council_scripts."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    root = config_file.parent
    custom_dir = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    if custom_dir == plainpath_theme.resolve():
        custom_dir = None  # plainpath's own theme folder, named in mkdocs.yml
    errors = [
        _at(config_file, str(script), "extra_javascript adds the script "
            f"'{script}' to every page, and only the theme's and plainpath's scripts may run there.",
            "Remove it. A script the council has decided to run on every page (analytics, say) goes "
            f"in the theme folder (custom_dir) and is named under {NAMED_OPTION}.")
        for script in config.extra_javascript
        if str(script) not in own_scripts and str(script) not in council_scripts
    ]
    for script in council_scripts:
        errors += _council_script_errors(config_file, script, custom_dir)
    if (config.extra or {}).get("analytics"):
        errors.append(_at(config_file, "analytics:", "extra: analytics: makes every page send each "
                          "visit to another company's servers, and residents' data stays with the council.",
                          "Remove it. An analytics script the council runs itself goes in the theme "
                          f"folder (custom_dir) and is named under {NAMED_OPTION}."))
    if custom_dir is not None and custom_dir.is_dir():
        errors += _override_errors(custom_dir, root, council_scripts)
    return errors


def _council_script_errors(config_file: Path, script: str, custom_dir: Path | None) -> list[EditorError]:
    parts = urlsplit(script)
    if parts.scheme or parts.netloc or script.startswith(("/", "\\")) or ".." in script.split("/"):
        return [_at(config_file, script, f"council_scripts names '{script}', which is not a path in "
                    "the theme folder (custom_dir): a script from another host would be told of every "
                    "visit, and a file outside the folder is not part of the site.",
                    "Copy the script into the theme folder (custom_dir) and name its path there, "
                    "for example 'assets/javascripts/analytics.js'.")]
    if not script.endswith(".js") or custom_dir is None or not (custom_dir / script).is_file():
        where = f"'{custom_dir / script}'" if custom_dir else "a theme folder (no custom_dir is set)"
        return [_at(config_file, script, f"council_scripts names '{script}', but there is no such "
                    f".js file in {where}.", "Put the script there, or correct the path.")]
    return []


def _override_errors(custom_dir: Path, root: Path, council_scripts: list[str]) -> list[EditorError]:
    """Inline or linked scripts in the council's templates, and script files it did not name."""
    errors = []
    for path in sorted(custom_dir.rglob("*")):
        if not path.is_file():
            continue
        shown = _shown(path, root)
        relative = path.relative_to(custom_dir).as_posix()
        if path.suffix.lower() in SCRIPT_FILES and relative not in council_scripts:
            errors.append(EditorError(
                "theme file", SourceLocation(shown), "it is a script in the theme folder, and a "
                "script there can replace the theme's own and runs on every page.",
                f"Delete it, or if the council has decided to run it, name '{relative}' under "
                f"{NAMED_OPTION}."))
        elif relative not in council_scripts:  # templates, partials they include, SVG: any text
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # a picture or a font: not text a browser runs
            for number, line in enumerate(text.splitlines(), start=1):
                if SCRIPT_TAG.search(line):
                    errors.append(EditorError(
                        "theme file", SourceLocation(shown, number), "a <script> in a theme file "
                        "runs on every page that uses it, and only the theme's and plainpath's scripts may.",
                        "Remove it. A script the council has decided to run goes in a .js file in "
                        f"this folder, named under {NAMED_OPTION}."))
                    break
    return errors


def _at(config_file: Path, text: str, problem: str, fix: str) -> EditorError:
    """An error at the first line of mkdocs.yml that holds ``text``."""
    try:
        source = config_file.read_text(encoding="utf-8")
    except OSError:
        source = ""
    return EditorError("settings file", SourceLocation(config_file.name, find_line(source, (text,))), problem, fix)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
