"""``plainpath check`` lists every problem of a page in one run (issue 29, item 4).

An editor who fixes one line and runs ``check`` again, once per mistake, gives up; a page with
an unknown flow, an unsafe attribute and a broken link gets all three lines at once, in line
order, each with a fix that works when pasted.
"""

from __future__ import annotations

import subprocess
import sys

MISTAKES = """
See [the permits](indx.md).

[[flow no-such-flow]]

See <span onclick="steal()">this</span>.
"""


def test_check_lists_every_problem_of_a_page_in_one_run(links_site_copy):
    page = links_site_copy / "content/permits/apply.md"
    before = page.read_text()
    page.write_text(before + MISTAKES)
    line = len(before.split("\n"))  # the first added line, which is blank
    result = subprocess.run([sys.executable, "-m", "plainpath.cli", "check"], capture_output=True, text=True,
                            cwd=links_site_copy)
    assert result.returncode == 1
    found = [text for text in result.stdout.splitlines() if text.startswith("content/permits/apply.md:")]
    assert [text.split(":")[1] for text in found] == [str(line + 1), str(line + 3), str(line + 5)], result.stdout
    link, flow, attribute = found
    # written from content/permits/, where the page is: 'permits/index.md' would be broken too
    assert "the link 'indx.md'" in link and "Did you mean 'index.md'?" in link
    assert "no flow with the id 'no-such-flow'" in flow and "There are no flows yet" in flow
    assert "'onclick'" in attribute
    assert "3 error(s)" in result.stdout
    # noise (item 6): check translates nothing, so it says nothing about translating; no column 0
    assert "Translated" not in result.stdout + result.stderr
    assert not [text for text in result.stdout.splitlines() if ":0:" in text or ":0 " in text]


def test_each_problem_is_printed_and_counted_once_with_its_place(sample_project_copier, tmp_path):
    """Issue 29.6: a plain-English warning was printed twice (as a log line and as a listed
    line) and a broken flow beside a long sentence gave 'mkdocs.yml: 1 plain English
    problem(s) ...', a block with no place, and lost the warning from the count."""
    project = sample_project_copier(tmp_path / "project")
    page = project / "content/parking/apply.md"
    before = page.read_text()
    long_sentence = ("If your bin was not emptied on your collection day, tell us within 2 working days and we "
                     "will come back to collect it as soon as we can after you have reported it to us online.")
    page.write_text(before + "\n" + long_sentence + "\n")
    (project / "flows" / "broken.yml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "plainpath.cli", "check"], capture_output=True, text=True,
                            cwd=project)
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert out.count("flows/broken.yml:2:") == 1, out
    assert "mkdocs.yml:" not in out and "WARNING" not in out, out
    listed = [line for line in result.stdout.splitlines() if line.startswith("content/parking/apply.md:")]
    assert len(listed) == len(set(listed)) and any("long-sentence" in line for line in listed), out
    warnings = sum(1 for line in listed if "passive-voice" in line)
    assert warnings == 1 and f"{1 + sum('long-sentence' in line for line in listed)} error(s), 1 warning(s)" in out, out


def test_a_plain_english_error_does_not_hide_the_pages_other_problems(sample_project_copier, tmp_path):
    """Issue 29.4, second pass: a 37-word sentence in a page hid the broken link and the unknown
    flow in the same page (the build's lint stopped the build's other checks); now one run of
    check lists all three, and the summary counts them."""
    project = sample_project_copier(tmp_path / "project")
    page = project / "content/parking/who-can-apply.md"
    lines = page.read_text().splitlines()
    added = ["", "See [visitor permits](visitor-permits.md).", "", "[[flow parking-permt]]", "",
             "If your bin was not emptied on your collection day, tell us within 2 working days and we "
             "will come back to collect it as soon as we can after you have reported it to us online."]
    page.write_text("\n".join(lines + added) + "\n")
    link_line, flow_line, long_line = len(lines) + 2, len(lines) + 4, len(lines) + 6
    result = subprocess.run([sys.executable, "-m", "plainpath.cli", "check"], capture_output=True, text=True,
                            cwd=project)
    out = result.stdout
    assert result.returncode == 1
    assert f"content/parking/who-can-apply.md:{long_line}:1: long-sentence:" in out, out
    column = len("See [visitor permits](") + 1
    assert f"content/parking/who-can-apply.md:{link_line}:{column}: Error: the link 'visitor-permits.md'" in out, out
    assert f"content/parking/who-can-apply.md:{flow_line}:" in out and "'parking-permt'" in out, out
    assert out.strip().splitlines()[-1].startswith("3 error(s)"), out
    assert "INFO" not in result.stdout + result.stderr, "check lists its findings once, not as log lines too"


def test_a_misspelt_readability_rule_does_not_hide_the_other_problems(sample_project_copier, tmp_path):
    """Issue 29, third pass: 'long-sentense' under the readability rules was the only line
    check printed; the broken link in a page waited for the next run."""
    project = sample_project_copier(tmp_path / "project")
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text().replace(
        "  - plainpath/readability\n", "  - plainpath/readability:\n      rules:\n        long-sentense: error\n", 1))
    page = project / "content/parking/apply.md"
    page.write_text(page.read_text() + "\nSee [the fees](fees.md).\n")
    result = subprocess.run([sys.executable, "-m", "plainpath.cli", "check"], capture_output=True, text=True,
                            cwd=project)
    assert result.returncode == 1
    assert "there is no rule 'long-sentense'. Did you mean 'long-sentence'?" in result.stdout, result.stdout
    assert "Error: the link 'fees.md'" in result.stdout, result.stdout
    assert "2 error(s)" in result.stdout, result.stdout
