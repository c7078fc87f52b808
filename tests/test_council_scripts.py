"""A script the council names under council_scripts runs on every page; nothing else may add one."""

from __future__ import annotations

import lxml.html

from attack_project import write_base
from plainpath.site_build import build_site


def test_a_named_council_script_is_on_every_page_and_allowed_by_the_policy(tmp_path):
    root = tmp_path / "project"
    write_base(root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = [line if not line.strip().startswith("custom_dir:") else "  custom_dir: overrides" for line in text.splitlines()]
    text = "\n".join(lines).replace("  - plainpath/pages\n", "  - plainpath/pages:\n      council_scripts: [js/visits.js]\n")
    config.write_text(text, encoding="utf-8")
    (root / "overrides" / "js").mkdir(parents=True)
    (root / "overrides" / "js" / "visits.js").write_text("window.councilVisits = 1;\n")
    result = build_site(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    for page in ("index.html", "es/index.html", "flows/permit/index.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert 'js/visits.js"></script>' in html, page
        policy = lxml.html.fromstring(html).find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
        assert "script-src 'self'" in policy  # a same-origin file: the policy allows it
    assert (tmp_path / "site" / "js" / "visits.js").read_text() == "window.councilVisits = 1;\n"


def test_a_council_script_that_is_not_there_is_named(tmp_path):
    root = tmp_path / "project"
    write_base(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - plainpath/pages\n", "  - plainpath/pages:\n      council_scripts: [js/visits.js]\n"), encoding="utf-8")
    result = build_site(root, tmp_path / "site")
    assert result.returncode == 1
    assert "Error in settings file 'mkdocs.yml', line 15: council_scripts names 'js/visits.js', but there " \
           "is no such .js file in" in result.stderr
