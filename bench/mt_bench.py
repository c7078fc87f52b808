"""Segments per second of our argos pipeline against raw CTranslate2 and argostranslate itself.

Three ways to translate the same segments with the same package, in one run:

* argostranslate: ``translate()`` one segment at a time (what a simple integration does);
* plainpath:      ``ArgosEngine.translate_batch`` (argos' splitter and tokenizer, 32-sentence
                  CTranslate2 batches across all segments);
* raw CTranslate2: ``translate_batch`` on pre-tokenised sentences, no splitting or detokenising:
                  the limit on this hardware.

With the tiny package also, through a real LibreTranslate server on 127.0.0.1 (the team's shared
server, here on the same two cores as the client): one segment a request (a simple client), our
``LibreTranslateEngine`` (32 segments a request), and two builds asking at once.

Two models: the tiny test package, and a realistic-size one (OPUS-MT shape: 512 wide, 6+6
layers, 32k vocabulary, int8) with random weights, fine for throughput. Random weights decode to
random lengths, so every path caps output at ``--max-tokens`` through the same setting.
Not a test; prints figures and ratios against argostranslate.

    python3 bench/mt_bench.py [--segments 200] [--big-segments 40] [--no-libretranslate]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TINY = REPO / "tests" / "fixtures" / "models" / "translate-en_es.argosmodel"
CORPUS = REPO / "tests" / "fixtures" / "corpus" / "en-es.tsv"
BIG_CACHE = REPO / ".cache" / "bench-models" / "translate-en_xx.argosmodel"


def segments(count: int) -> list[str]:
    english = [line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    sentences = [e for e in english if e.endswith(".")]
    # Mix single sentences with two- and three-sentence paragraphs, like real pages.
    made = []
    for i in range(count):
        size = 1 + i % 3
        made.append(" ".join(sentences[(i + k) % len(sentences)] for k in range(size)))
    return made


def build_big_model(path: Path) -> Path:
    """A random-weight Marian model of OPUS-MT size, packaged for argos (cached between runs)."""
    if path.exists():
        return path
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    work = Path(tempfile.mkdtemp(prefix="plainpath-big-model-"))
    with zipfile.ZipFile(TINY) as archive:
        archive.extractall(work)
    tiny = work / "translate-en_es"
    spm = tiny / "sentencepiece.model"
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(spm))
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    for extra in range(len(vocab), 32000):
        vocab[f"<extra_{extra}>"] = extra
    vocab["<pad>"] = len(vocab)
    (work / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    hf = work / "hf"
    tokenizer = MarianTokenizer(str(spm), str(spm), str(work / "vocab.json"),
                                unk_token="<unk>", eos_token="</s>", pad_token="<pad>")
    tokenizer.save_pretrained(hf)
    torch.manual_seed(0)
    config = MarianConfig(vocab_size=len(tokenizer), d_model=512, encoder_layers=6, decoder_layers=6,
                          encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048,
                          decoder_ffn_dim=2048, pad_token_id=vocab["<pad>"], eos_token_id=1,
                          decoder_start_token_id=vocab["<pad>"])
    MarianMTModel(config).save_pretrained(hf)
    package_dir = work / "translate-en_xx"
    subprocess.run(["ct2-transformers-converter", "--model", str(hf), "--output_dir",
                    str(package_dir / "model"), "--quantization", "int8", "--force"],
                   check=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}, capture_output=True)
    shutil.copy(spm, package_dir / "sentencepiece.model")
    shutil.copytree(tiny / "spacy", package_dir / "spacy")
    meta = json.loads((tiny / "metadata.json").read_text(encoding="utf-8"))
    meta.update(to_code="xx", to_name="random", name="random-weight OPUS-MT-size model (benchmark)")
    (package_dir / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(package_dir.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(work))
    shutil.rmtree(work, ignore_errors=True)
    return path


def measure(engine, target: str, texts: list[str], max_tokens: int) -> dict[str, float]:
    from argostranslate import translate

    model = engine._load("en", target)  # models load once, outside the timings
    translate.translate(texts[0], "en", target)  # argostranslate loads its own copy lazily
    figures = {}
    started = time.perf_counter()
    for text in texts:
        translate.translate(text, "en", target)
    figures["argostranslate translate(), one segment at a time"] = time.perf_counter() - started

    started = time.perf_counter()
    engine.translate_batch(texts, "en", target)
    figures["plainpath ArgosEngine.translate_batch"] = time.perf_counter() - started

    tokens = [model.pkg.tokenizer.encode(s) for t in texts for s in model.sentencizer.split_sentences(t)]
    started = time.perf_counter()
    model.translator.translate_batch(tokens, max_batch_size=32, beam_size=max(1, model.settings.beam_size),
                                     num_hypotheses=1, length_penalty=0.2, replace_unknowns=True,
                                     max_decoding_length=max_tokens)
    figures["raw CTranslate2 translate_batch (32 per batch)"] = time.perf_counter() - started
    return figures


def measure_libretranslate(texts: list[str], home: Path, target: str = "es") -> dict[str, float]:
    """The same segments through a real LibreTranslate server with the same tiny package."""
    from concurrent.futures import ThreadPoolExecutor

    from libretranslate_server import start_server  # imported in main, before HOME changes

    from plainpath.translation.libretranslate_engine import LibreTranslateEngine, LibreTranslateSettings

    server = start_server(home / "libretranslate", (target,))
    try:
        engine = LibreTranslateEngine(LibreTranslateSettings(url=server.url))
        engine.translate_batch(texts[:2], "en", target)  # the server loads its model on first use
        figures = {}
        started = time.perf_counter()
        for text in texts:
            engine.server.translate([text], "en", target)
        figures["LibreTranslate, one segment a request"] = time.perf_counter() - started
        started = time.perf_counter()
        engine.translate_batch(texts, "en", target)
        figures["plainpath LibreTranslateEngine (32 a request)"] = time.perf_counter() - started
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda _: engine.translate_batch(texts, "en", target), range(2)))
        figures["LibreTranslateEngine, two builds at once (per build)"] = time.perf_counter() - started
        return figures
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=200)
    parser.add_argument("--big-segments", type=int, default=40)
    parser.add_argument("--max-tokens", type=int, default=30)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-libretranslate", action="store_true", help="skip the LibreTranslate server paths")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO / "tests"))
    import libretranslate_server  # noqa: F401  finds LibreTranslate's venv under the real HOME

    home = Path(tempfile.mkdtemp(prefix="plainpath-mt-bench-"))
    os.environ.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
                      XDG_CONFIG_HOME=str(home / "config"))
    _cap_decoding_length(args.max_tokens)
    from plainpath.translation.argos_engine import ArgosEngine, install_model

    print("building the realistic-size model (cached after the first run)...", file=sys.stderr)
    big = build_big_model(BIG_CACHE)
    models = home / "models"
    install_model(TINY, models)
    install_model(big, models)
    engine = ArgosEngine(models)
    results = {}
    for label, target, count in (("tiny (test fixture)", "es", args.segments),
                                 ("OPUS-MT size, random weights", "xx", args.big_segments)):
        texts = segments(count)
        figures = measure(engine, target, texts, args.max_tokens)
        if target == "es" and not args.no_libretranslate:
            figures.update(measure_libretranslate(texts, home))
        baseline = figures["argostranslate translate(), one segment at a time"]
        print(f"\n{label}: {count} segments, at most {args.max_tokens} output tokens per sentence")
        print(f"{'path':<52} {'seconds':>8} {'segments/s':>11} {'vs argos':>9}")
        for name, seconds in figures.items():
            print(f"{name:<52} {seconds:>8.2f} {count / seconds:>11.1f} {baseline / seconds:>8.2f}x")
        results[label] = {"segments": count, "seconds": {k: round(v, 3) for k, v in figures.items()}}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    shutil.rmtree(home, ignore_errors=True)


def _cap_decoding_length(max_tokens: int) -> None:
    """Random weights rarely emit </s>: cap every path's output length the same way."""
    import ctranslate2

    original = ctranslate2.Translator.translate_batch

    def capped(self, *args, **kwargs):
        kwargs.setdefault("max_decoding_length", max_tokens)
        return original(self, *args, **kwargs)

    ctranslate2.Translator.translate_batch = capped


if __name__ == "__main__":
    main()
