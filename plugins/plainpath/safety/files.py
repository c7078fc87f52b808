"""Nothing outside the repository is published: editors' folders hold real files only.

A symbolic link in ``content/`` (``ln -s /etc/hostname content/host.txt``, or a link to
``/proc/self/environ``, which holds CI secrets) would be copied into the site as if an editor had
written it. Links are refused wherever they point, inside the repository or not: a link is never
what an editor means to publish, and refusing them all leaves nothing to get wrong.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from plainpath.errors import EditorError, SourceLocation


def linked_paths(folder: Path) -> list[Path]:
    """Every symbolic link under ``folder`` (files and folders), without following any.

    One directory listing per folder, no extra system call per file: the build and the preview
    run this over every editor's file on every run."""
    if folder.is_symlink():
        return [folder]
    found = []
    pending = [str(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    found.append(Path(entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
    return sorted(found)


def link_errors(folders: Iterable[Path], root: Path) -> list[EditorError]:
    """One editor error per symbolic link in ``folders`` (paths shown relative to ``root``)."""
    return [
        EditorError(
            "file", SourceLocation(_display(path, root)),
            "it is a symbolic link, and plainpath publishes only files that are really in the "
            "repository.",
            "Replace the link with a copy of the file itself, or delete it.",
        )
        for folder in folders if folder.exists() or folder.is_symlink()
        for path in linked_paths(folder)
    ]


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


class NotARealFile(Exception):
    """A file that is not really under the folders it is served from (a link on its way)."""


def read_real_file(path: str | Path, roots: Iterable[str | Path]) -> bytes:
    """The bytes of ``path`` when it is a real file below one of ``roots``, with no symbolic link
    anywhere between the root and the file. The preview serves files as they are saved, between
    two runs of the link check: a link swapped in a moment ago must not reach the browser."""
    absolute = os.path.abspath(path)
    for root in roots:
        root = os.path.abspath(root)
        if absolute.startswith(root.rstrip(os.sep) + os.sep):
            if os.path.realpath(absolute) != os.path.join(os.path.realpath(root), os.path.relpath(absolute, root)):
                break
            try:
                descriptor = os.open(absolute, os.O_RDONLY | os.O_NOFOLLOW)
            except OSError as error:
                if isinstance(error, FileNotFoundError):
                    raise
                break  # ELOOP: the file itself became a link since the check above
            with os.fdopen(descriptor, "rb") as handle:
                return handle.read()
    raise NotARealFile(path)
