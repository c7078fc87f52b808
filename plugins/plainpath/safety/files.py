"""Nothing outside the repository is published: editors' folders hold real files only.

A symbolic link in ``content/`` (``ln -s /etc/hostname content/host.txt``, or a link to
``/proc/self/environ``, which holds CI secrets) would be copied into the site as if an editor had
written it. Links are refused wherever they point, inside the repository or not: a link is never
what an editor means to publish, and refusing them all leaves nothing to get wrong.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from plainpath.errors import EditorError, SourceLocation


ONLY_REAL_FILES = "plainpath publishes only files that are really in the repository"
LINK_FIX = "Replace the link with a copy of the file itself, or delete it."


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
            f"it is a symbolic link, and {ONLY_REAL_FILES}.", LINK_FIX,
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
    """The bytes of ``path`` when it is a regular file below one of ``roots``, reached with no
    symbolic link anywhere between the root and the file. The preview serves files as they are
    saved, between two runs of the link check: a link swapped in a moment ago (for the file or
    any folder above it) must not reach the browser. Each part of the path is opened relative
    to the folder opened before it, refusing links, so nothing can change between a check and
    the read; a named pipe or a device is refused rather than waited on."""
    absolute = os.path.abspath(path)
    for root in roots:
        root = os.path.abspath(root)
        if not absolute.startswith(root.rstrip(os.sep) + os.sep):
            continue
        parts = os.path.relpath(absolute, root).split(os.sep)
        folder = os.open(os.path.realpath(root), os.O_RDONLY | os.O_DIRECTORY)
        try:
            for part in parts[:-1]:
                try:
                    inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=folder)
                except OSError as error:
                    if isinstance(error, FileNotFoundError):
                        raise
                    raise NotARealFile(path) from error  # a link (ELOOP) or not a folder
                os.close(folder)
                folder = inner
            try:
                descriptor = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
            except OSError as error:
                if isinstance(error, FileNotFoundError):
                    raise
                raise NotARealFile(path) from error
        finally:
            os.close(folder)
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise NotARealFile(path)
            return handle.read()
    raise NotARealFile(path)


def disguised_name_error(display_path: str) -> EditorError | None:
    """An error for a file name holding an invisible character: a direction mark (U+202E makes
    'evil\u202efdp.exe' read 'evilexe.pdf'), a zero-width space or a control character. A
    resident downloading the file, and a reviewer reading the pull request, would see another name."""
    hidden = next((char for char in display_path if unicodedata.category(char) in ("Cf", "Cc")), None)
    if hidden is None:
        return None
    return EditorError(
        "file", SourceLocation(display_path.encode("unicode_escape").decode("ascii")),
        f"its name holds an invisible character (U+{ord(hidden):04X}, {unicodedata.name(hidden, 'a control character')}), "
        "which can make the name read differently from what it is.",
        "Rename the file using letters, digits, spaces, '-' and '_' only, and update the links to it.",
    )
