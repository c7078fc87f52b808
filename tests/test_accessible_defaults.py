"""Issue 31.5: defaults that let barriers through. A picture with no alt text is an error unless
the editor marks it decorative on purpose; repeated link text and capitals fail the gate."""

from __future__ import annotations

import lxml.html

from attack_project import BODY_MARKER, write_base
from plainpath.accessibility.author_rules import rule_levels
from plainpath.site_build import build_site

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def project_with(tmp_path, body: str):
    root = tmp_path / "project"
    write_base(root)
    page = root / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace(BODY_MARKER, body), encoding="utf-8")
    (root / "content" / "bins.png").write_bytes(PNG)
    return root


def test_a_picture_without_alt_text_names_the_line_and_both_fixes(tmp_path):
    root = project_with(tmp_path, "Put your bins out by 7am.\n\n![](bins.png)")
    result = build_site(root, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = root.joinpath("content/index.md").read_text(encoding="utf-8").split("\n").index("![](bins.png)") + 1
    assert (f"Error in page 'content/index.md', line {line}: the picture 'bins.png' has no alt text, so a "
            "reader who cannot see it is not told what it shows.") in result.stderr
    assert '![](bins.png "decorative")' in result.stderr and "![Bins put out at the kerb](bins.png)" in result.stderr


def test_a_blank_alt_is_no_alt(tmp_path):
    result = build_site(project_with(tmp_path, "![   ](bins.png)"), tmp_path / "site")
    assert result.returncode == 1 and "has no alt text" in result.stderr


def test_a_picture_marked_decorative_is_published_with_an_empty_alt_and_no_tooltip(tmp_path):
    root = project_with(tmp_path, 'A line.\n\n![](bins.png "decorative")\n\n![Bins at the kerb](bins.png)')
    result = build_site(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    for page in ("index.html", "es/index.html"):
        pictures = lxml.html.parse(str(tmp_path / "site" / page)).getroot().findall(".//article//img")
        assert [(img.get("alt"), img.get("title")) for img in pictures][:2] in (
            [("", None), ("Bins at the kerb", None)], [("", None), (pictures[1].get("alt"), None)]), page
        assert pictures[1].get("alt")


def test_repeated_link_text_and_capitals_fail_the_gate_by_default():
    levels = rule_levels(None)
    assert levels["LINK_IDENTICAL_NAME"] == "error" and levels["QA_UPPERCASE"] == "error"
    assert levels["MISSING_ALT"] == "error"
