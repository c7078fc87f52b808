"""A build writes into a folder beside ``site/`` and takes its place only when it succeeds.

MkDocs empties ``site_dir`` first and writes page by page, so a build that stops on an editor's
mistake used to leave half a site, or none: the last good site, which a preview or a web server
may be serving, was gone. Here the old site stays until the new one is complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_site(site_dir: Path) -> Iterator[Path]:
    """A new empty folder beside ``site_dir`` to build into; it replaces ``site_dir`` when the
    block ends without an exception and is removed when it raises."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _readable_like_a_new_folder(staging)
    old = None
    if site_dir.exists():  # same file system: two renames, the site is missing for an instant only
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        os.rename(site_dir, old / site_dir.name)
    os.rename(staging, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _readable_like_a_new_folder(folder: Path) -> None:
    """mkdtemp makes a private folder (0700); a web server must read the site like any other."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
