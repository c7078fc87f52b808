"""The council overlay on Apertium's stock pairs (issue 28): compiled with Apertium's own tools,
it changes which word the engine chooses inside the pair, and a broken overlay file is named with
its line. Run with the real Apertium and the real compilers."""

from __future__ import annotations

import shutil

import pytest

from plainpath.translation import apertium_overlay
from plainpath.translation.apertium_engine import ApertiumEngine, installed_modes, run_chain
from plainpath.translation.engine import EngineError

pytestmark = pytest.mark.skipif(
    not {"eng-spa", "eng-cat", "es-fr", "es-pt"} <= installed_modes() or shutil.which("lrx-comp") is None,
    reason="needs Apertium and its compilers (.ci/setup installs them)",
)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test compiles into its own cache, so a test sees what a first build sees."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.mark.parametrize("lang, mode, english, overlaid, stock", [
    ("es", "eng-spa", "The court will send you a letter.", ["El tribunal", "una carta"], ["corte", "letra"]),
    ("es", "eng-spa", "The collections are on Monday.", ["Las recogidas"], ["colecciones"]),
    ("es", "eng-spa", "There is mould on the wall.", ["moho"], ["molde"]),
    ("es", "eng-spa", "Put the bin by the road.", ["el contenedor"], ["cubo"]),
    ("ca", "eng-cat", "The court will send you a letter.", ["El tribunal", "una carta"], ["tall", "lletra"]),
    ("ca", "eng-cat", "There is mould on the wall.", ["floridura"], ["motlle"]),
])
def test_the_overlay_chooses_the_council_word_inside_the_pair(lang, mode, english, overlaid, stock):
    with_overlay = run_chain([english], [mode], lang)[0]
    without = run_chain([english], [mode])[0]
    for word in overlaid:
        assert word in with_overlay, with_overlay
    for word in stock:
        assert word in without and word not in with_overlay, (without, with_overlay)


@pytest.mark.parametrize("lang, wanted", [("fr", "Le tribunal"), ("pt", "O tribunal")])
def test_french_and_portuguese_get_only_the_words_their_pairs_carry_over(lang, wanted):
    court, collection = ApertiumEngine().translate_batch(
        ["The court will decide.", "Your bin collection day is Monday."], "en", lang)
    assert wanted in court
    assert "ramass" not in collection and "recolhida" not in collection, collection


def test_the_overlay_is_compiled_once_and_reused(tmp_path):
    first = apertium_overlay.mode_directory("eng-spa", "eng-spa")
    made = (first / "modes" / "eng-spa.mode").stat().st_mtime_ns
    again = apertium_overlay.mode_directory("eng-spa", "eng-spa")
    assert again == first and (again / "modes" / "eng-spa.mode").stat().st_mtime_ns == made
    assert str(tmp_path / "cache") in str(first)


def test_a_changed_overlay_changes_the_provenance_so_machine_text_is_redone(tmp_path, monkeypatch):
    sources = tmp_path / "overlay"
    shutil.copytree(apertium_overlay.OVERLAY_SOURCES, sources)
    monkeypatch.setattr(apertium_overlay, "OVERLAY_SOURCES", sources)
    before = ApertiumEngine().provenance("en", "es").version
    rules = sources / "eng-spa.lrx"
    rules.write_text(rules.read_text().replace("</rules>", '  <rule><match lemma="hearing" tags="n.*">'
                                               '<select lemma="vista" tags="n.*"/></match></rule>\n</rules>'))
    after = ApertiumEngine().provenance("en", "es").version
    assert before != after and "+council-" in after
    assert "vista" in run_chain(["The hearing is on Monday."], ["eng-spa"], "es")[0]


@pytest.mark.parametrize("file, broken, said", [
    ("eng-spa.dix", ('<r>contenedor<s n="n"/><s n="m"/>', '<r>contenedor<s n="n"/><s n="masc"/>'),
     "the tag <masc> is not declared"),
    ("eng-spa.lrx", ('<select lemma="tribunal" tags="n.*"/>', '<select lemma="tribunal" tags="n.*">'),
     "not well-formed XML"),
])
def test_a_broken_overlay_file_is_named_with_its_line_and_the_fix(tmp_path, monkeypatch, file, broken, said):
    sources = tmp_path / "overlay"
    shutil.copytree(apertium_overlay.OVERLAY_SOURCES, sources)
    monkeypatch.setattr(apertium_overlay, "OVERLAY_SOURCES", sources)
    text = (sources / file).read_text()
    assert broken[0] in text
    (sources / file).write_text(text.replace(broken[0], broken[1], 1))
    line = text[: text.index(broken[0])].count("\n") + 1
    with pytest.raises(EngineError) as error:
        ApertiumEngine().translate_batch(["The court will decide."], "en", "es")
    assert f"{sources / file}:" in str(error.value) and said in str(error.value)
    assert f":{line}:" in str(error.value) or f":{line + 1}:" in str(error.value)
    assert not list((tmp_path / "cache").rglob("*.mode")), "nothing half-compiled is left to reuse"


def test_missing_compilers_are_named_with_the_packages_to_install(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(apertium_overlay.shutil, "which",
                        lambda tool: None if tool == "lrx-comp" else real_which(tool))
    with pytest.raises(EngineError, match="apt-get install -y lttoolbox-dev apertium-lex-tools-dev"):
        ApertiumEngine().translate_batch(["The court will decide."], "en", "ca")


def test_a_provenance_line_the_po_file_wraps_is_still_current(tmp_path):
    """French's provenance ("... eng-spa+es-fr 0.8.1-2+0.9.4-1+plainpath-prep-1+council-...") is
    longer than a PO line: polib writes it over two lines, broken after a hyphen. Read back as
    two lines, it made every French and Portuguese entry look out of date, so every build sent
    the whole site to Apertium again."""
    from plainpath.translation.glossary import Glossary
    from plainpath.translation.memory import TranslationMemory
    from plainpath.translation.pipeline import LanguageTranslator
    from plainpath.translation.segments import Segment

    engine = ApertiumEngine()
    provenance = engine.provenance("en", "fr")
    assert len(f"#. machine: {provenance.engine} {provenance.model} {provenance.version}") > 78
    segments = [Segment("page.md", "The court will decide.", 1)]
    for build in range(2):
        memory = TranslationMemory(tmp_path / "fr.po", "fr", "translations/fr.po")
        translator = LanguageTranslator(lang="fr", memory=memory, engines=[engine], glossary=Glossary(),
                                        warn=lambda text: None)
        translator.prepare(segments)
        memory.save()
        assert translator.sent_to_engine == (1 if build == 0 else 0)
    assert "plainpath-\n#. prep" in (tmp_path / "fr.po").read_text(encoding="utf-8")
