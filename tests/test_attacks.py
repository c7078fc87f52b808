"""The attack corpus: untrusted text never runs script, reads outside the repository or exhausts the build.

Each case in ``tests/attacks/*.yml`` edits a small project as an attacker would (an editor, a
translator, a pull request) and states the outcome: ``error`` (the build stops with exactly this
message, exit != 0, no traceback, and no file in content/, flows/, translations/ or the URL lock
changed) or ``inert`` (the build succeeds, and in headless Chromium no script from the payload
runs and the Content-Security-Policy reports nothing while every element is hovered, focused and
clicked). ``pytest tests/test_attacks.py --update-attacks`` records the messages of error cases
after a reviewed change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

from plainpath.site_build import build_site
from attack_project import apply_case, write_base
from browser_traps import TrappedBrowser

CORPUS = Path(__file__).parent / "attacks"
WATCHED = ("content", "flows", "translations")


def load_corpus() -> list[tuple[str, dict]]:
    cases = []
    for path in sorted(CORPUS.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            cases.append((f"{path.stem}/{case['id']}", case))
    return cases


CASES = load_corpus()


def test_the_corpus_is_large_and_covers_every_family():
    families = {name.split("/")[0] for name, _ in CASES}
    assert len(CASES) >= 120
    assert families >= {"markdown", "flows", "po", "front_matter", "files", "redirects"}
    assert {case["expect"] for _, case in CASES} == {"error", "inert"}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The base project, built once so its Spanish translation memory exists."""
    root = tmp_path_factory.mktemp("attack-base") / "project"
    write_base(root)
    result = build_site(root, root.parent / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    return root


@pytest.fixture(scope="module")
def browser():
    trapped = TrappedBrowser()
    yield trapped
    trapped.close()


def snapshot(project: Path) -> dict[str, bytes]:
    files = {
        path.relative_to(project).as_posix(): path.read_bytes()
        for folder in WATCHED
        for path in sorted((project / folder).rglob("*"))
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".")
    }
    lock = project / "published-urls.txt"
    files["published-urls.txt"] = lock.read_bytes() if lock.exists() else b""
    return files


def first_error(stderr: str) -> str:
    for line in stderr.splitlines():
        text = line.removeprefix("ERROR   -  ").strip()
        if line.startswith("ERROR") and not text.startswith("Error reading page"):
            return text
    return ""


@pytest.mark.parametrize(("name", "case"), CASES, ids=[name for name, _ in CASES])
def test_attack(name, case, template, tmp_path, request, browser):
    project = tmp_path / "project"
    shutil.copytree(template, project, symlinks=True)
    apply_case(project, case)
    before = snapshot(project)
    result = build_site(project, tmp_path / "site")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    if case["expect"] == "error":
        assert result.returncode != 0, f"{name} built, but should have failed"
        message = first_error(result.stderr)
        if request.config.getoption("--update-attacks"):
            record_message(name, message)
        else:
            assert message == case["message"], result.stderr[-3000:]
        assert snapshot(project) == before, "a failed build changed an editor's file"
    else:
        assert result.returncode == 0, result.stderr[-3000:]
        findings = browser.visit_site(tmp_path / "site")
        assert findings == [], findings


def record_message(name: str, message: str) -> None:
    family, case_id = name.split("/", 1)
    path = CORPUS / f"{family}.yml"
    with FileLock(str(path) + ".lock"):  # xdist workers record into the same files
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            if case["id"] == case_id:
                case["message"] = message
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
