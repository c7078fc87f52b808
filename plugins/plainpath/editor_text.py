"""Read an editor's file as UTF-8, or say where the first byte that is not UTF-8 sits."""

from __future__ import annotations

from pathlib import Path

from plainpath.errors import EditorError, SourceLocation


def decode_editor_text(data: bytes, display_path: str, kind: str) -> str:
    """The text of an editor's file; a file saved in another encoding is an error with its line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise EditorError(
            kind,
            SourceLocation(display_path, line, column),
            f"the file is not saved as UTF-8 text (byte 0x{data[error.start]:02x}).",
            "Open it in your editor and save it with the encoding 'UTF-8'.",
        ) from error


def read_editor_text(file_path: Path, display_path: str, kind: str) -> str:
    return decode_editor_text(file_path.read_bytes(), display_path, kind)
