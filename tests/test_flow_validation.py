"""Broken flows stop the build with the exact file, line, problem and fix an editor needs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from plainpath.errors import EditorError, EditorErrors
from plainpath.flows.catalogue import load_catalogue

GOOD_FLOW = """\
id: parking-permit
title: Apply for a permit
summary: Get a permit.
service: parking
steps:
  - id: check
    title: Check you can apply
    page: parking/who-can-apply.md
    next: ask
  - id: ask
    decision: Is the car yours?
    answers:
      - answer: "Yes"
        next: apply
      - answer: "No"
        next: letter
  - id: letter
    title: Get a letter
    next: apply
  - id: apply
    title: Apply online
    next: done
  - id: done
    outcome: We send your permit
"""

PAGES = {"index.md", "parking/who-can-apply.md", "parking/apply.md"}


def load(tmp_path: Path, text: str):
    flows = tmp_path / "flows"
    flows.mkdir(exist_ok=True)
    (flows / "parking-permit.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return load_catalogue(flows, tmp_path, PAGES)


def error_message(tmp_path: Path, text: str) -> str:
    with pytest.raises((EditorError, EditorErrors)) as raised:
        load(tmp_path, text)
    return raised.value.message


def test_good_flow_loads_without_findings(tmp_path):
    catalogue = load(tmp_path, GOOD_FLOW)
    flow = catalogue.flows["parking-permit"]
    assert [step.id for step in flow.steps] == ["check", "ask", "letter", "apply", "done"]
    assert catalogue.warnings == []
    assert flow.anchor("apply") == "step-4-apply"
    assert flow.anchor("done") == "end-done"


def test_yes_no_times_and_leading_zeros_are_text_as_the_editor_typed_them(tmp_path):
    """YAML 1.1 reads `answer: Yes` as True, 12:30 as 750 and 0123 as 83; a flow reads them as
    the words and numbers the editor wrote."""
    text = (GOOD_FLOW.replace('answer: "Yes"', "answer: Yes").replace('answer: "No"', "answer: No")
            .replace("title: Get a letter", "title: Call 0123 456 789 before 12:30"))
    flow = load(tmp_path, text).flows["parking-permit"]
    ask = flow.step("ask")
    assert [answer.text for answer in ask.answers] == ["Yes", "No"]
    assert flow.step("letter").heading == "Call 0123 456 789 before 12:30"
    bare = load(tmp_path, GOOD_FLOW.replace("title: Get a letter", "title: 0123")).flows["parking-permit"]
    assert bare.step("letter").heading == "0123"


def test_front_matter_words_yaml_reads_as_yes_no_or_numbers_are_quoted_back_to_the_editor():
    """MkDocs reads front matter with YAML 1.1 for the page's own title, so a page cannot take
    `title: No` as text; the message quotes what the editor typed and shows it in quotes."""
    from plainpath.pages.front_matter import check_front_matter

    source = ("---\ntitle: No\nsummary: Open at 12:30\nservice: parking\nowner: 0123\n"
              "last_reviewed: 2026-10-01\n---\n\nText.\n")
    with pytest.raises(EditorErrors) as caught:
        check_front_matter(source, "content/x.md")
    messages = [str(error) for error in caught.value.errors]
    assert ("Error in page 'content/x.md', line 2, column 8: 'title' is No, which YAML reads as a yes/no value, "
            "not as text. Put it in quotes: title: \"No\"") in messages
    assert ("Error in page 'content/x.md', line 5, column 8: 'owner' is 0123, which YAML reads as a number, "
            "not as text. Put it in quotes: owner: \"0123\"") in messages
    assert len(messages) == 2  # "Open at 12:30" is text already


PLAIN_YAML_MISTAKES = {
    "key indented one space short": (
        ("    title: Get a letter\n    next: apply\n", "    title: Get a letter\n   next: apply\n"),
        "line 19, column 4: line 19 is indented by 3 spaces, which does not match the lines above it "
        "(line 18 uses 4). If 'next:' belongs with 'title:' on line 18, indent it by 4 spaces so it lines "
        "up with 'title:'."),
    "key indented too far": (
        ("    title: Get a letter\n    next: apply\n", "    title: Get a letter\n      next: apply\n"),
        "line 19, column 11: line 19 is indented further than line 18, so YAML reads it as part of the "
        "text on line 18. If 'next:' belongs with 'title:' on line 18, indent it by 4 spaces"),
    "step key pulled out to the list": (
        ("    title: Get a letter\n    next: apply\n", "    title: Get a letter\n  next: apply\n"),
        "line 19, column 3: line 19 is indented by 2 spaces, which does not match the lines above it "
        "(line 18 uses 4)."),
    "a tab": (
        ("    title: Get a letter\n", "\ttitle: Get a letter\n"),
        "line 18, column 1: line 18 is indented with a tab character. Use spaces, not tabs"),
    "a colon in text": (
        ("title: Get a letter\n", "title: Get a letter: from your employer\n"),
        "line 18, column 24: the text after 'title:' on line 18 contains a colon, which YAML reads as the "
        "start of another key. Put the text in quotes: title: \"Get a letter: from your employer\""),
    "a quote never closed": (
        ("title: Get a letter\n", 'title: "Get a letter\n'),
        "line 18, column 12: the quote mark (\") on line 18 is never closed. Add the closing \" at the end "
        "of the text on line 18, or remove the opening one."),
    "next inside a task list": (
        ("    title: Get a letter\n    next: apply\n",
         "    title: Get a letter\n    tasks:\n      - all:\n          - text: A letter\n        next: apply\n"),
        "line 22, column 9: 'next' is indented as part of the 'tasks' list, so it does not belong to the "
        "step. Move 'next:' to the left so it lines up with 'tasks:'."),
    "a typo inside a task is still a typo": (
        ("    title: Get a letter\n    next: apply\n",
         "    title: Get a letter\n    tasks:\n      - all:\n          - text: A letter\n            pgae: x.md\n"
         "    next: apply\n"),
        "line 22, column 13: 'pgae' is not a key this block can have. Did you mean 'page'?"),
    "an apostrophe inside single quotes": (
        ("title: Get a letter\n", "title: 'Don't forget the letter'\n"),
        "line 18, column 17: the text after 'title:' on line 18 starts with a quote mark (') and has another ' "
        "inside it, so YAML thinks the text ends there. Put the text in the other kind of quotes: "
        "title: \"Don't forget the letter\""),
    "a colon in text with a backslash": (
        ("title: Get a letter\n", "title: Save it in: C:\\letters\n"),
        "Put the text in quotes: title: 'Save it in: C:\\letters'"),
    "a tab inside a text block is text; the real mistake is named": (
        ("    title: Get a letter\n    next: apply\n",
         "    title: Get a letter\n    body: |\n      Bring it.\n      \tSigned.\n   next: apply\n"),
        "line 22, column 4: line 22 is indented by 3 spaces"),
}


@pytest.mark.parametrize("mistake", sorted(PLAIN_YAML_MISTAKES))
def test_common_yaml_mistakes_are_explained_in_plain_words(tmp_path, mistake):
    (old, new), expected = PLAIN_YAML_MISTAKES[mistake]
    assert old in GOOD_FLOW
    message = error_message(tmp_path, GOOD_FLOW.replace(old, new, 1))
    assert expected in message
    for jargon in ("mapping values", "block end", "<scalar>", "could not find", "while parsing", "Split it"):
        assert jargon not in message


def test_plain_yaml_messages_count_lines_from_where_the_yaml_starts():
    import yaml

    from plainpath.yaml_messages import plain_syntax_message

    front_matter = "title: Apply\nsummary: Apply: now\n"
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(front_matter, Loader=yaml.SafeLoader)
    message = plain_syntax_message(caught.value, front_matter, first_line=2)  # after the '---' line
    assert message.line == 1 and "on line 3 contains a colon" in message.problem


def test_unknown_step_reference_suggests_closest_id(tmp_path):
    broken = GOOD_FLOW.replace("        next: apply\n", "        next: aply\n")
    assert error_message(tmp_path, broken) == (
        "Error in flow 'flows/parking-permit.yml', line 14, column 15: step 'ask' points to "
        "'aply', which does not exist. Did you mean 'apply'?"
    )


def test_unknown_page_reference_suggests_closest_page(tmp_path):
    broken = GOOD_FLOW.replace("page: parking/who-can-apply.md", "page: parking/who-can-aply.md")
    assert error_message(tmp_path, broken) == (
        "Error in flow 'flows/parking-permit.yml', line 8, column 11: step 'check' links to the "
        "page 'parking/who-can-aply.md', which does not exist in content/. "
        "Did you mean 'parking/who-can-apply.md'?"
    )


def test_unreachable_step(tmp_path):
    broken = GOOD_FLOW.replace("        next: letter\n", "        next: apply\n")
    assert error_message(tmp_path, broken) == (
        "Error in flow 'flows/parking-permit.yml', line 17, column 9: step 'letter' cannot be "
        "reached from the first step ('check'). Point a 'next' or an answer at 'letter', or "
        "remove the step."
    )


def test_dead_end(tmp_path):
    broken = GOOD_FLOW.replace("    title: Apply online\n    next: done\n", "    title: Apply online\n")
    assert error_message(tmp_path, broken) == (
        "Error in flow 'flows/parking-permit.yml', line 20, column 9: step 'apply' is a dead end: "
        "it has no 'next' and is not an outcome. Add 'next: <id of the following step>', or "
        "change 'title' to 'outcome' if the flow ends here.\n"
        "Error in flow 'flows/parking-permit.yml', line 22, column 9: step 'done' cannot be "
        "reached from the first step ('check'). Point a 'next' or an answer at 'done', or remove "
        "the step."
    )


def test_duplicate_id(tmp_path):
    broken = GOOD_FLOW.replace("  - id: letter\n", "  - id: check\n").replace(
        "next: letter", "next: check"
    )
    assert error_message(tmp_path, broken) == (
        "Error in flow 'flows/parking-permit.yml', line 17, column 9: two steps have the id "
        "'check' (the other is on line 6). Give each step its own id."
    )


def test_decision_needs_two_answers(tmp_path):
    broken = GOOD_FLOW.replace('      - answer: "No"\n        next: letter\n', "").replace(
        "  - id: letter\n    title: Get a letter\n    next: apply\n", ""
    )
    assert error_message(tmp_path, broken) == (
        "Error in flow 'flows/parking-permit.yml', line 13, column 7: decision 'ask' has only 1 "
        "answer; a decision needs at least two. Add another answer, or make it a step with "
        "'title' and 'next' if there is only one way on."
    )


def test_unknown_key_suggests_the_right_one(tmp_path):
    broken = GOOD_FLOW.replace("    next: done\n", "    nxt: done\n")
    assert error_message(tmp_path, broken) == (
        "Error in flow 'flows/parking-permit.yml', line 22, column 5: 'nxt' is not a key this "
        "block can have. Did you mean 'next'?"
    )


def test_wrong_type(tmp_path):
    broken = GOOD_FLOW.replace("    title: Get a letter\n", "    title: Get a letter\n    optional: maybe\n")
    assert error_message(tmp_path, broken) == (
        "Error in flow 'flows/parking-permit.yml', line 19, column 15: 'optional' must be true or "
        "false. Change the value to that type."
    )


def test_step_without_kind(tmp_path):
    broken = GOOD_FLOW.replace("    title: Get a letter\n", "    body: Get a letter\n")
    assert error_message(tmp_path, broken) == (
        "Error in flow 'flows/parking-permit.yml', line 17, column 5: step 'letter' has none of "
        "'title', 'decision' or 'outcome'. Give it exactly one: 'title' for a step, 'decision' "
        "for a question, 'outcome' for an end."
    )


def test_loop_warns_unless_marked(tmp_path):
    looping = GOOD_FLOW.replace("    title: Get a letter\n    next: apply\n", "    title: Get a letter\n    next: ask\n")
    looping = looping.replace("    title: Apply online\n", "    title: Apply online\n")
    catalogue = load(tmp_path, looping.replace("next: letter", "next: letter").replace(
        '      - answer: "Yes"\n        next: apply\n', '      - answer: "Yes"\n        next: apply\n'
    ))
    assert [finding.message for finding in catalogue.warnings] == [
        "Warning in flow 'flows/parking-permit.yml', line 19, column 11: step 'letter' leads back "
        "to 'ask', which makes a loop. If the loop is intended, add 'loops_back: true' beside "
        "this 'next'."
    ]
    marked = looping.replace("    next: ask\n", "    next: ask\n    loops_back: true\n")
    assert load(tmp_path, marked).warnings == []


def test_not_utf8_names_the_line(tmp_path):
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "parking-permit.yml").write_bytes(GOOD_FLOW.encode().replace(b"Get a letter", b"Get a \xe9 letter"))
    with pytest.raises(EditorError) as raised:
        load_catalogue(flows, tmp_path, PAGES)
    assert raised.value.message == (
        "Error in flow 'flows/parking-permit.yml', line 18, column 18: the file is not saved as UTF-8 "
        "text (byte 0xe9). "
        "Open it in your editor and save it with the encoding 'UTF-8'."
    )


def test_broken_flow_fails_mkdocs_build_with_exit_code(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "sites" / "basic", site)
    flow_file = site / "flows" / "parking-permit.yml"
    flow_file.write_text(flow_file.read_text().replace("next: get-documents", "next: get-documnts"))
    (site / "mkdocs.yml").write_text(
        (site / "mkdocs.yml").read_text().replace("../../../plugins", str(Path(__file__).parents[1] / "plugins"))
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "out")],
        cwd=site, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert (
        "Error in flow 'flows/parking-permit.yml', line 10, column 11: step "
        "'check-you-can-apply' points to 'get-documnts', which does not exist. "
        "Did you mean 'get-documents'?"
    ) in result.stderr + result.stdout
