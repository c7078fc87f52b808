"""The argos engine with real argostranslate and CTranslate2, offline, on tiny trained packages.

The packages in tests/fixtures/models were trained by tools/train_tiny_argos.py on our own
parallel corpus; they reproduce its sentences exactly, so outputs can be asserted exactly.
HOME and the XDG folders point at a temporary folder, and every socket call raises: a download
attempt anywhere in argostranslate, spaCy or stanza fails the test.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

from plainpath.translation.argos_engine import ArgosEngine, install_model
from plainpath.translation.engine import EngineError
from plainpath.translation.glossary import Glossary
from plainpath.translation.memory import TranslationMemory
from plainpath.translation.pipeline import LanguageTranslator
from plainpath.translation.segments import Segment

FIXTURES = Path(__file__).parent / "fixtures"
MODELS = FIXTURES / "models"


def corpus(language: str) -> list[tuple[str, str]]:
    lines = (FIXTURES / "corpus" / f"en-{language}.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines]


@pytest.fixture(scope="module")
def network_attempts():
    """Make every network call fail and record it, for the whole module."""
    attempts: list[str] = []
    saved = socket.socket.connect, socket.getaddrinfo, socket.create_connection

    def refuse(*args, **kwargs):
        attempts.append(repr(args[1:] if args and isinstance(args[0], socket.socket) else args))
        raise OSError("network access is not allowed in this test")

    socket.socket.connect, socket.getaddrinfo, socket.create_connection = refuse, refuse, refuse
    yield attempts
    socket.socket.connect, socket.getaddrinfo, socket.create_connection = saved


@pytest.fixture(scope="module")
def argos_home(tmp_path_factory, network_attempts):
    """A private HOME for argostranslate, set before its first import (it reads paths once)."""
    if "argostranslate.settings" in sys.modules:
        pytest.fail("argostranslate was imported before this module set its folders; run it first")
    home = tmp_path_factory.mktemp("argos-home")
    saved = {key: os.environ.get(key) for key in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")}
    os.environ.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                      XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"))
    yield home
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="module")
def engine(argos_home) -> ArgosEngine:
    models = argos_home / "models"
    for language in ("es", "ar"):
        install_model(MODELS / f"translate-en_{language}.argosmodel", models)
    return ArgosEngine(models)


def test_install_from_path_puts_the_packages_in_the_project_folder(engine, argos_home):
    from argostranslate import package

    installed = {(p.from_code, p.to_code) for p in package.get_installed_packages()}
    assert {("en", "es"), ("en", "ar")} <= installed
    assert (argos_home / "models" / "translate-en_es" / "metadata.json").exists()
    assert engine.can_serve("en", "es") and engine.can_serve("en", "ar")
    assert not engine.can_serve("en", "pl")
    assert engine.provenance("en", "es").model == "plainpath tiny en-es (test fixture)"


@pytest.mark.parametrize("language", ["es", "ar"])
def test_argostranslate_reproduces_the_corpus_exactly(engine, language):
    from argostranslate import translate

    for english, expected in corpus(language)[:12]:
        assert translate.translate(english, "en", language) == expected


@pytest.mark.parametrize("language", ["es", "ar"])
def test_batched_translation_equals_argostranslate_one_at_a_time(engine, language):
    from argostranslate import translate

    pairs = corpus(language)
    texts = [english for english, _ in pairs] + ["You can apply online. Pay the fee.", "Yes\nNo", ""]
    progress: list[int] = []
    batched = engine.translate_batch(texts, "en", language, progress.append)
    one_by_one = [translate.translate(text, "en", language) for text in texts]
    assert batched == one_by_one
    assert batched[: len(pairs)] == [expected for _, expected in pairs]
    assert progress[-1] == len(texts)


def test_links_bold_and_code_survive_an_engine_without_markup(engine, tmp_path):
    memory = TranslationMemory(tmp_path / "es.po", "es", "translations/es.po")
    warnings: list[str] = []
    run = LanguageTranslator("es", memory, [engine], Glossary(), warnings.append)
    segment = Segment(
        "content/apply.md",
        "Read [who can apply](apply.md) **and bring** [your reference number](ref.md) `EB-1` "
        "[before you start.](start.md)",
        1,
    )
    run.prepare([segment])
    assert run.render(segment).text == (
        "Lea [quién puede solicitarlo](apply.md) **y traiga** [su número de referencia](ref.md) "
        "`EB-1` [antes de empezar.](start.md)"
    )
    assert warnings == []
    memory.save()
    assert "machine: argos plainpath tiny en-es (test fixture) 0.1" in (tmp_path / "es.po").read_text(encoding="utf-8")


def test_a_missing_pair_names_the_folder_and_the_install_command(engine):
    with pytest.raises(EngineError) as caught:
        engine.translate_batch(["Yes"], "en", "pl")
    assert "plainpath models install translate-en_pl.argosmodel" in str(caught.value)


def test_download_without_a_network_says_so_and_how_to_install_by_hand(argos_home, network_attempts, tmp_path):
    from click.testing import CliRunner

    from plainpath.cli import main

    before = len(network_attempts)
    result = CliRunner().invoke(main, ["models", "download", "es", "--models-dir", str(tmp_path / "models")])
    assert result.exit_code == 1
    assert "Cannot download the en to es model: this computer cannot reach the argos package index" in result.output
    assert "plainpath models install translate-en_es.argosmodel" in result.output
    assert len(network_attempts) > before  # it did try, and was refused
    network_attempts[before:] = []  # the refusals above were expected


def test_nothing_touched_the_network(engine, network_attempts):
    """Runs last: installing and translating made no network call at all."""
    from argostranslate import translate

    translate.translate("Pay the fee.", "en", "es")
    assert network_attempts == []
