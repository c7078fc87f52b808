"""Build the engines a language asks for, by name; argos is imported only when asked for."""

from __future__ import annotations

from pathlib import Path

from plainpath.translation.apertium_engine import ApertiumEngine
from plainpath.translation.engine import TranslationEngine
from plainpath.translation.libretranslate_engine import LibreTranslateEngine, LibreTranslateSettings


def make_engines(
    names: list[str], models_dir: Path, libretranslate: LibreTranslateSettings | None = None
) -> list[TranslationEngine]:
    """Engines in the configured order; the memory is not one of them, it always comes first."""
    engines: list[TranslationEngine] = []
    for name in names:
        if name == "apertium":
            engines.append(ApertiumEngine())
        elif name == "libretranslate" and libretranslate is not None:
            engines.append(LibreTranslateEngine(libretranslate))
        elif name == "argos":
            from plainpath.translation.argos_engine import ArgosEngine  # torch: import only when asked

            engines.append(ArgosEngine(models_dir))
    return engines


def how_to_enable(code: str, names: list[str], engines: list[TranslationEngine] = ()) -> str:
    """Tell a person how to get an engine for ``code``."""
    hints = [engine.why_not("en", code) for engine in engines if hasattr(engine, "why_not")]
    if "argos" in names or not names:
        hints.append(f"install an argos model with 'plainpath models install translate-en_{code}.argosmodel'")
    if "apertium" in names:
        hints.append("install the Apertium language data with apt-get (see README)")
    hints.append(f"or add reviewed translations to translations/{code}.po")
    return ", ".join(hints)
