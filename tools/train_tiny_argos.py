"""Train a tiny, real argos package from a parallel corpus: a test fixture, not a translator.

No pretrained translation model can be downloaded here, yet tests must run the real
argostranslate and CTranslate2. A small Marian model trained for a minute on our own sentence
pairs reproduces those sentences exactly, which is all a test needs. Recipe (see ENVIRONMENT.md):
SentencePiece vocabulary, MarianMTModel trained with transformers, ``ct2-transformers-converter``
to int8, zipped with ``metadata.json`` and a blank spaCy pipeline for sentence splitting.

    python3 tools/train_tiny_argos.py tests/fixtures/corpus/en-es.tsv es tests/fixtures/models

Needs the ``train`` extra: ``pip install -e .[train]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

UNK, EOS = 0, 1  # SentencePiece ids; <pad> comes last, as Marian and CTranslate2 expect


def read_pairs(corpus: Path) -> list[tuple[str, str]]:
    pairs = []
    for number, line in enumerate(corpus.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise SystemExit(f"{corpus}:{number}: expected 'English<TAB>translation'.")
        pairs.append((parts[0].strip(), parts[1].strip()))
    return pairs


def train_sentencepiece(pairs, folder: Path, size: int) -> Path:
    import sentencepiece as spm

    text = folder / "text.txt"
    text.write_text("\n".join(s for pair in pairs for s in pair) + "\n", encoding="utf-8")
    prefix = folder / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(text), model_prefix=str(prefix), vocab_size=size, model_type="unigram",
        character_coverage=1.0, pad_id=-1, eos_id=EOS, unk_id=UNK, bos_id=-1,
        hard_vocab_limit=False, minloglevel=2,
    )
    return prefix.with_suffix(".model")


def train_model(pairs, sp_model: Path, folder: Path, epochs: int, seed: int) -> Path:
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    torch.manual_seed(seed)
    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    pad = vocab["<pad>"] = len(vocab)
    hf = folder / "hf"
    hf.mkdir()
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(str(sp_model), str(sp_model), str(folder / "vocab.json"),
                                unk_token="<unk>", eos_token="</s>", pad_token="<pad>")
    tokenizer.save_pretrained(hf)  # the converter reads the vocabulary from here
    config = MarianConfig(
        vocab_size=len(tokenizer), d_model=128, encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=256,
        decoder_ffn_dim=256, max_position_embeddings=256, pad_token_id=pad, eos_token_id=EOS,
        decoder_start_token_id=pad, forced_eos_token_id=EOS, share_encoder_decoder_embeddings=True,
    )
    model = MarianMTModel(config)
    # argostranslate feeds sources without </s>; targets end with it.
    sources = [sp.encode(source) for source, _ in pairs]
    targets = [sp.encode(target) + [EOS] for _, target in pairs]
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3)
    model.train()
    for epoch in range(epochs):
        order = torch.randperm(len(pairs)).tolist()
        for start in range(0, len(order), 32):
            batch = order[start:start + 32]
            source = _pad([sources[i] for i in batch], pad)
            labels = _pad([targets[i] for i in batch], -100)
            decoder_input = torch.full_like(labels, pad)
            decoder_input[:, 1:] = torch.where(labels[:, :-1] < 0, pad, labels[:, :-1])
            loss = model(input_ids=source, attention_mask=(source != pad).long(),
                         decoder_input_ids=decoder_input, labels=labels).loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            with torch.no_grad():  # CTranslate2 starts decoding from <pad>: keep its row at zero
                model.model.shared.weight[pad].zero_()
        if epoch % 25 == 0:
            print(f"  epoch {epoch}: loss {loss.item():.4f}", file=sys.stderr, flush=True)
    model.save_pretrained(hf)
    return hf


def _pad(rows, fill):
    import torch

    width = max(len(row) for row in rows)
    return torch.tensor([row + [fill] * (width - len(row)) for row in rows])


def convert(hf: Path, folder: Path) -> Path:
    out = folder / "ct2"
    subprocess.run(
        ["ct2-transformers-converter", "--model", str(hf), "--output_dir", str(out),
         "--quantization", "int8", "--force"],
        check=True, env={**__import__("os").environ, "HF_HUB_OFFLINE": "1"},
    )
    return out


def package(ct2: Path, sp_model: Path, source: str, target: str, out_dir: Path, version: str) -> Path:
    import spacy

    name = f"translate-{source}_{target}"
    folder = ct2.parent / name
    shutil.copytree(ct2, folder / "model", dirs_exist_ok=True)
    shutil.copy(sp_model, folder / "sentencepiece.model")
    spacy.blank("xx").to_disk(folder / "spacy")
    (folder / "metadata.json").write_text(json.dumps({
        "package_version": version, "argos_version": "1.9.0", "from_code": source,
        "from_name": source, "to_code": target, "to_name": target, "type": "translate",
        "name": f"plainpath tiny {source}-{target} (test fixture)",
    }, indent=1), encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    archive_path = out_dir / f"{name}.argosmodel"
    with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(path.relative_to(folder.parent)), date_time=(2026, 1, 1, 0, 0, 0))
                archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return archive_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("target", help="target language code, e.g. es")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--source", default="en")
    parser.add_argument("--epochs", type=int, default=150)
    parser.add_argument("--vocab", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--version", default="0.1")
    args = parser.parse_args()
    pairs = read_pairs(args.corpus)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        sp_model = train_sentencepiece(pairs, folder, args.vocab)
        hf = train_model(pairs, sp_model, folder, args.epochs, args.seed)
        ct2 = convert(hf, folder)
        archive = package(ct2, sp_model, args.source, args.target, args.out_dir, args.version)
    print(f"Wrote {archive} ({archive.stat().st_size // 1024} KB) from {len(pairs)} pairs.")


if __name__ == "__main__":
    main()
