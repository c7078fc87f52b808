"""argostranslate with packages from a project-local folder; nothing is downloaded at run time.

Whether a pair is installed is read from the packages' ``metadata.json`` files, so asking costs
nothing; argostranslate (and torch, spaCy and stanza behind it, seconds of imports) is imported
only when a segment really needs it.

Translation uses the package exactly as argostranslate does (its sentence splitter, its
SentencePiece tokenizer, its CTranslate2 model and decoding settings), but sends the sentences of
all a build's segments to CTranslate2 together, 32 per batch: argostranslate's ``translate()``
handles one text at a time in batches of 32 *tokens*, several times slower on two cores.

Offline: argostranslate's default sentence splitter downloads a model, and with spaCy splitting
it downloads ``xx_sent_ud_sm`` when it is imported. ``prepare_offline`` selects spaCy splitting
and puts a blank multilingual spaCy pipeline where argostranslate looks for its cache.
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


BATCH_SIZE = 32


def prepare_offline(packages_dir: Path) -> None:
    """Point argostranslate at ``packages_dir`` and stop its downloads; before its first import."""
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages_dir)
    os.environ.setdefault("ARGOS_CHUNK_TYPE", "SPACY")
    os.environ.setdefault("ARGOS_DEVICE_TYPE", "cpu")
    home = Path(os.environ.get("SNAP_USER_DATA") or Path.home())
    cache = Path(os.environ.get("XDG_CACHE_HOME") or home / ".local" / "cache") / "argos-translate" / "spacy"
    marker = cache / "senter" / "model"
    if not marker.exists():
        import spacy

        cache.parent.mkdir(parents=True, exist_ok=True)
        spacy.blank("xx").to_disk(cache)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()


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
        """Translate segments in CTranslate2 batches; the same output as argostranslate's own."""
        model = self._load(source, target)
        results: list[str] = []
        chunk = BATCH_SIZE * 4  # segments per call, so progress moves on long builds
        for start in range(0, len(segments), chunk):
            results += model.translate_all(segments[start:start + chunk])
            if on_progress:
                on_progress(len(results))
        return results

    def _load(self, source: str, target: str) -> BatchedArgosModel:
        key = (source, target)
        if key not in self._translations:
            prepare_offline(self.packages_dir)
            from argostranslate import translate

            languages = {language.code: language for language in translate.get_installed_languages()}
            if source not in languages or target not in languages:
                raise EngineError(
                    f"No argos package for {source} to {target} in '{self.packages_dir}'. "
                    f"Install one with 'plainpath models install translate-{source}_{target}.argosmodel'."
                )
            translation = languages[source].get_translation(languages[target])
            self._translations[key] = BatchedArgosModel(getattr(translation, "underlying", translation))
        return self._translations[key]


class BatchedArgosModel:
    """One argos package's splitter, tokenizer and CTranslate2 model, used many texts at a time."""

    def __init__(self, translation) -> None:
        import ctranslate2
        from argostranslate import settings

        self.pkg = translation.pkg
        self.sentencizer = translation.sentencizer
        self.settings = settings
        self.translator = ctranslate2.Translator(
            str(self.pkg.package_path / "model"), device=settings.device,
            inter_threads=settings.inter_threads, intra_threads=settings.intra_threads,
            compute_type=settings.compute_type,
        )

    def translate_all(self, texts: list[str]) -> list[str]:
        """Translate texts paragraph by paragraph and sentence by sentence, in shared batches."""
        paragraphs = [text.split("\n") for text in texts]
        sentences = [
            [self.sentencizer.split_sentences(paragraph) if paragraph.strip() else [] for paragraph in text]
            for text in paragraphs
        ]
        flat = [self.pkg.tokenizer.encode(s) for text in sentences for para in text for s in para]
        prefix = [[self.pkg.target_prefix]] * len(flat) if self.pkg.target_prefix else None
        translated = self.translator.translate_batch(
            flat, target_prefix=prefix, replace_unknowns=True, max_batch_size=BATCH_SIZE,
            batch_type="examples", beam_size=max(1, self.settings.beam_size), num_hypotheses=1,
            length_penalty=0.2,
        ) if flat else []
        hypotheses = iter(result.hypotheses[0] for result in translated)
        return ["\n".join(self._decode([next(hypotheses) for _ in para]) for para in text) for text in sentences]

    def _decode(self, sentence_tokens: list[list[str]]) -> str:
        if not sentence_tokens:
            return ""
        value = self.pkg.tokenizer.decode([token for tokens in sentence_tokens for token in tokens])
        if self.pkg.target_prefix and value.startswith(self.pkg.target_prefix):
            value = value[len(self.pkg.target_prefix):]
        return value[1:] if value.startswith(" ") else value


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
    prepare_offline(packages_dir)
    from argostranslate import package

    package.install_from_path(path)
    return metadata


ARGOS_INDEX_PAGE = "https://www.argosopentech.com/argospm/index/"


def download_model(source: str, target: str, packages_dir: Path, timeout: float = 15.0) -> dict:
    """Fetch a package from the argos package index and install it; says so plainly when offline."""
    import urllib.error
    import urllib.request

    prepare_offline(packages_dir)
    from argostranslate import package, settings

    try:
        urllib.request.urlopen(settings.remote_package_index, timeout=timeout).read()
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise EngineError(
            f"Cannot download the {source} to {target} model: this computer cannot reach the argos "
            f"package index ({settings.remote_package_index}): {reason}. On a computer with "
            f"internet, download translate-{source}_{target}.argosmodel from {ARGOS_INDEX_PAGE}, "
            "copy it here and run 'plainpath models install translate-"
            f"{source}_{target}.argosmodel'."
        ) from error
    package.update_package_index()
    available = [p for p in package.get_available_packages() if (p.from_code, p.to_code) == (source, target)]
    if not available:
        raise EngineError(
            f"The argos package index has no {source} to {target} model. Choose another engine for "
            "this language in mkdocs.yml, or 'when_no_engine: english'."
        )
    return install_model(Path(available[0].download()), packages_dir)
