"""A council-domain overlay on Apertium's stock pairs, compiled with Apertium's own tools (issue 28).

The stock English-Spanish pair knows "court" as a royal court, a tennis court and a tribunal, and
picks the first; it knows "collection" only as a collection of things, "mould" only as a baking
mould, "bin" only as a bucket. Fixing the words after the engine (apertium_senses.yml) leaves the
articles and adjectives agreeing with the wrong noun ("una colección ... voluminosa"). Fixed
inside the pair, the engine's own transfer and generation make the sentence agree.

The overlay is data in ``apertium_overlay/``, one set of files per overlay name:

- ``<name>.dix``: bilingual entries (English lemma and tags -> the council's word), added to the
  stock bilingual dictionary with ``lt-append``;
- ``<name>.lrx``: lexical selection rules that choose the council's word, run by ``lrx-proc``
  before the stock rules;
- ``<name>.gen.dix``: the forms of target words the stock generator does not know.

A Spanish word the overlay adds ("recogida") is not one the Spanish-French and Spanish-Portuguese
pairs know as a noun ("ramassée", collected), so French and Portuguese, reached through Spanish,
have their own overlay on the same mode, with only the words that carry over.

They are compiled (``lt-comp``, ``lrx-comp``, from Debian's ``lttoolbox-dev`` and
``apertium-lex-tools-dev``) once into the user's cache, in a folder named by a digest of the
sources and the stock pair, with a copy of the stock mode that points at them; ``apertium -d``
runs it. The digest is part of the engine's provenance, so a changed overlay re-translates the
memory's Apertium text on the next build.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from lxml import etree

from plainpath.translation.engine import EngineError

OVERLAY_SOURCES = Path(__file__).with_name("apertium_overlay")
MODES_DIR = Path("/usr/share/apertium/modes")
TOOLS = ("lt-comp", "lt-append", "lrx-comp")
TOOLS_PACKAGES = "lttoolbox-dev apertium-lex-tools-dev"

# Where the stock mode names its bilingual dictionary, selection rules and generator.
_BILINGUAL = re.compile(r"lt-proc -b '([^']+\.autobil\.bin)'")
_SELECTION = re.compile(r"lrx-proc -m '([^']+\.autolex\.bin)'")
_GENERATOR = re.compile(r"lt-proc \$1 '([^']+\.autogen\.bin)'")

_compiling = threading.Lock()


def sources(name: str) -> dict[str, Path]:
    """The overlay's files that exist: ``dix``, ``lrx``, ``gen``."""
    found = {
        "dix": OVERLAY_SOURCES / f"{name}.dix",
        "lrx": OVERLAY_SOURCES / f"{name}.lrx",
        "gen": OVERLAY_SOURCES / f"{name}.gen.dix",
    }
    return {kind: path for kind, path in found.items() if path.is_file()}


def digest(name: str, mode: str) -> str | None:
    """Eight hex digits naming this overlay on this stock pair; None when it has no files."""
    return _digest(name, mode, _fingerprint(name, mode))


def mode_directory(name: str, mode: str) -> Path | None:
    """A folder ``apertium -d`` runs ``mode`` from, with the overlay ``name`` compiled in; None
    when it has no files. Compiled once per digest; later builds reuse the folder."""
    key = _digest(name, mode, _fingerprint(name, mode))
    if key is None:
        return None
    target = _cache_root() / f"{name}-{key}"
    if (target / "modes" / f"{mode}.mode").is_file():
        return target
    with _compiling:
        if not (target / "modes" / f"{mode}.mode").is_file():
            _compile(name, mode, target)
    return target


def _fingerprint(name: str, mode: str) -> tuple:
    """What the compiled overlay depends on: the sources' bytes and the stock pair's files."""
    found = sources(name)
    if not found:
        return ()
    stock = MODES_DIR / f"{mode}.mode"
    parts: list = [(kind, path.read_bytes()) for kind, path in sorted(found.items())]
    if stock.is_file():
        text = stock.read_text(encoding="utf-8")
        parts.append(("mode", text))
        for pattern in (_BILINGUAL, _SELECTION, _GENERATOR):
            for path in pattern.findall(text):
                status = Path(path).stat() if Path(path).exists() else None
                parts.append((path, status and (status.st_size, status.st_mtime_ns)))
    return tuple(parts)


@lru_cache(maxsize=32)
def _digest(name: str, mode: str, fingerprint: tuple) -> str | None:
    if not fingerprint:
        return None
    return hashlib.sha256(repr((name, mode, fingerprint)).encode()).hexdigest()[:8]


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plainpath" / "apertium-overlay"


def _compile(name: str, mode: str, target: Path) -> None:
    """Compile the overlay into a scratch folder beside ``target``, then rename it into place,
    so a build stopped half-way or a second build at the same time never sees half a folder."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise EngineError(
            f"The council overlay for Apertium's {mode} needs {', '.join(missing)}, which is not "
            f"installed. Install it with 'apt-get install -y {TOOLS_PACKAGES}' (the README set-up "
            "does), then build again."
        )
    stock_mode = MODES_DIR / f"{mode}.mode"
    if not stock_mode.is_file():
        raise EngineError(f"Apertium's mode file {stock_mode} is missing: reinstall the language pair's package.")
    text = stock_mode.read_text(encoding="utf-8")
    found = sources(name)
    for source in found.values():
        _validate(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{mode}-", dir=target.parent))
    try:
        if "dix" in found:
            text = _merge(text, _BILINGUAL, mode, found["dix"], "lr", scratch / "council.autobil.bin")
        if "gen" in found:
            text = _merge(text, _GENERATOR, mode, found["gen"], "rl", scratch / "council.autogen.bin")
        if "lrx" in found:
            stock = _stock_path(text, _SELECTION, mode)
            rules = scratch / "council.autolex.bin"
            _tool(["lrx-comp", str(found["lrx"]), str(rules)], found["lrx"])
            text = text.replace(f"lrx-proc -m '{stock}'", f"lrx-proc -m '{target / rules.name}' | lrx-proc -m '{stock}'", 1)
        text = text.replace(str(scratch), str(target))
        (scratch / "modes").mkdir()
        (scratch / "modes" / f"{mode}.mode").write_text(text, encoding="utf-8")
        try:
            scratch.rename(target)
        except OSError:
            if not (target / "modes" / f"{mode}.mode").is_file():
                raise
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)


def _merge(text: str, pattern: re.Pattern, mode: str, source: Path, direction: str, output: Path) -> str:
    """Compile ``source``, append it to the stock transducer the mode names, and point the mode
    at the merged one. Both entries stay: for a word in both, the selection rules choose."""
    stock = _stock_path(text, pattern, mode)
    compiled = output.with_suffix(".overlay.bin")
    _tool(["lt-comp", direction, str(source), str(compiled)], source)
    _tool(["lt-append", stock, str(compiled), str(output)], source)
    compiled.unlink()
    return text.replace(f"'{stock}'", f"'{output}'", 1)


def _stock_path(text: str, pattern: re.Pattern, mode: str) -> str:
    match = pattern.search(text)
    if match is None:
        raise EngineError(
            f"Apertium's {mode} mode file does not have the step the council overlay joins "
            f"('{pattern.pattern}'): this version of the pair is not one the overlay knows. "
            f"Remove the overlay's files in {OVERLAY_SOURCES} or tell plainpath's maintainers the pair's version."
        )
    return match.group(1)


def _validate(source: Path) -> None:
    """Say where an overlay file is wrong, by line: the compilers' own messages often name no
    line ("Undefined symbol '<nn>'"), and whoever edits the overlay is not an Apertium expert."""
    try:
        tree = etree.parse(str(source), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise EngineError(f"{source}:{error.lineno or 1}: this is not well-formed XML ({error.msg}). "
                          "Close every tag and quote every attribute.") from None
    declared = {sdef.get("n") for sdef in tree.iter("sdef")}
    for tag in tree.iter("s"):
        if tag.get("n") not in declared:
            raise EngineError(
                f"{source}:{tag.sourceline}: the tag <{tag.get('n')}> is not declared. Add "
                f"<sdef n=\"{tag.get('n')}\"/> to <sdefs> at the top, or use a tag the pair uses "
                "(n, vblex, adj, m, f, sg, pl)."
            )
    for kind in ("match", "select"):
        for element in tree.iter(kind):
            if not element.get("lemma") and not element.get("tags"):
                raise EngineError(f"{source}:{element.sourceline}: this <{kind}> has no lemma and no tags. "
                                  f"Give the word: <{kind} lemma=\"court\" tags=\"n.*\"/>.")


def _tool(command: list[str], source: Path) -> None:
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode != 0 or "error" in run.stderr.lower():
        said = " ".join((run.stderr or run.stdout).split())[:400]
        raise EngineError(
            f"{source}: {command[0]} could not compile the council overlay: {said}. Fix the entry "
            "it names (Apertium's XML: <e><p><l>english<s n=\"n\"/></l><r>word<s n=\"n\"/>...</r></p></e>)."
        )
