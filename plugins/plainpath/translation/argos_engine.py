"""argostranslate with packages from a project-local folder; nothing is downloaded at run time.

Whether a pair is installed is read from the packages' ``metadata.json`` files, so asking costs
nothing; argostranslate (and torch, spaCy and stanza behind it, seconds of imports) is imported
only when a segment really needs it.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from plainpath.translation.engine import EngineError, Provenance


def _package_metadata(packages_dir: Path) -> list[dict]:
    if not packages_dir.is_dir():
        return []
    found = []
    for metadata in sorted(packages_dir.glob("*/metadata.json")):
        try:
            found.append(json.loads(metadata.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError):
            continue
    return found


def _use_packages_dir(packages_dir: Path) -> None:
    """argostranslate reads its folders from the environment when it is first imported."""
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages_dir)
    os.environ.setdefault("ARGOS_CHUNK_TYPE", "SPACY")
    os.environ.setdefault("ARGOS_DEVICE_TYPE", "cpu")


class ArgosEngine:
    """Neural translation with installed argos packages; one model load per language pair."""

    name = "argos"
    supports_markup = False

    def __init__(self, packages_dir: Path) -> None:
        self.packages_dir = packages_dir
        self._translations: dict[tuple[str, str], object] = {}

    def _package(self, source: str, target: str) -> dict | None:
        return next(
            (
                meta
                for meta in _package_metadata(self.packages_dir)
                if meta.get("from_code") == source and meta.get("to_code") == target
            ),
            None,
        )

    def can_serve(self, source: str, target: str) -> bool:
        return self._package(source, target) is not None

    def provenance(self, source: str, target: str) -> Provenance:
        meta = self._package(source, target) or {}
        return Provenance(self.name, str(meta.get("name", f"{source}-{target}")), str(meta.get("package_version", "unknown")))

    def translate_batch(
        self,
        segments: list[str],
        source: str,
        target: str,
        on_progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        translation = self._load(source, target)
        results = []
        for number, segment in enumerate(segments, start=1):
            results.append(translation.translate(segment))
            if on_progress:
                on_progress(number)
        return results

    def _load(self, source: str, target: str):
        key = (source, target)
        if key not in self._translations:
            _use_packages_dir(self.packages_dir)
            from argostranslate import translate

            languages = {language.code: language for language in translate.get_installed_languages()}
            if source not in languages or target not in languages:
                raise EngineError(
                    f"No argos package for {source} to {target} in '{self.packages_dir}'. "
                    f"Install one with 'plainpath models install translate-{source}_{target}.argosmodel'."
                )
            self._translations[key] = languages[source].get_translation(languages[target])
        return self._translations[key]


def install_model(path: Path, packages_dir: Path) -> dict:
    """Check a ``.argosmodel`` file, then install it with argostranslate's own installer."""
    if not path.is_file():
        raise EngineError(f"Error in model '{path}': the file does not exist. Check the path.")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            metadata_name = next((name for name in names if name.endswith("metadata.json")), None)
            if metadata_name is None:
                raise EngineError(
                    f"Error in model '{path}': it has no metadata.json, so it is not an argos "
                    "package. Get the package again from where you downloaded it."
                )
            metadata = json.loads(archive.read(metadata_name))
    except zipfile.BadZipFile as error:
        raise EngineError(
            f"Error in model '{path}': the file is not a zip archive (it may be cut short or "
            "corrupt). Download it again."
        ) from error
    for key in ("from_code", "to_code"):
        if key not in metadata:
            raise EngineError(f"Error in model '{path}': metadata.json has no '{key}'.")
    packages_dir.mkdir(parents=True, exist_ok=True)
    _use_packages_dir(packages_dir)
    from argostranslate import package

    package.install_from_path(path)
    return metadata
