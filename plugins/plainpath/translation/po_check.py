"""Read a PO file as strictly as GNU gettext does, before anything trusts or rewrites it.

polib is forgiving: it reads a truncated file, a bad escape or an unterminated string without a
word, and keeps the last of two entries with the same ``msgid``, so a machine entry below a
reviewed one could be published instead of it. ``msgfmt --check-format`` is the reference
Poedit and Weblate use; what it calls fatal stops the build with its file and line, and nothing
is rewritten.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from plainpath.errors import EditorError, SourceLocation

KIND = "translation file"
_MESSAGE = re.compile(r"^(?P<file>.+?):(?P<line>\d+)(?::(?P<column>\d+))?: (?P<text>.+)$")


def check_po_file(path: Path, display_path: str) -> None:
    """Raise an editor error for the first fatal problem ``msgfmt`` finds in ``path``."""
    status = path.stat()
    _checked_po_file(path, display_path, status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=256)  # check and build read each file once per change, not twice
def _checked_po_file(path: Path, display_path: str, mtime_ns: int, size: int) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise PluginError("plainpath needs GNU gettext's 'msgfmt' to read translation files "
                          "safely. Install it with 'apt-get install gettext'.")
    result = subprocess.run(
        [msgfmt, "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True, text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    )
    if result.returncode == 0:
        return
    for line in result.stderr.splitlines():
        found = _MESSAGE.match(line)
        if found and "warning:" not in found["text"] and found["file"].endswith(path.name):
            column = int(found["column"]) if found["column"] else None
            raise EditorError(
                KIND, SourceLocation(display_path, int(found["line"]), column),
                f"the file cannot be read: {found['text'].rstrip('.')}.", _fix(display_path))
    raise EditorError(KIND, SourceLocation(display_path), f"the file cannot be read: "
                      f"{result.stderr.strip()[-200:]}.", _fix(display_path))


def _fix(display_path: str) -> str:
    return ("Fix that line (every msgid and msgstr needs its text in double quotes; a msgid "
            "appears once per msgctxt), or restore the file from version control with "
            f"'git checkout -- {display_path}'.")
