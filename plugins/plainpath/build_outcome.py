"""Whether the build in progress will succeed, so files outside site/ are written only then.

A build writes two things editors commit: the translation memory (``translations/*.po``) and the
URL lock (``published-urls.txt``). A build that fails, on an error or, in strict mode, on a
warning, must change neither: otherwise a page that was never published is locked, and machine
output for a page that failed is kept. Plugins prepare those files in memory and write them in
``on_post_build`` (which MkDocs runs before it aborts a strict build) only if this says so.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import CountHandler


def strict_warnings_so_far(config: MkDocsConfig) -> int:
    """Warnings counted by MkDocs' strict-mode counter; any makes ``mkdocs build`` abort."""
    if not config.strict:
        return 0
    handlers = logging.getLogger("mkdocs").handlers
    return sum(
        count
        for handler in handlers if isinstance(handler, CountHandler)
        for _, count in handler.get_counts()
    )


def build_will_succeed(config: MkDocsConfig) -> bool:
    """True when nothing logged so far will make MkDocs abort the build after ``on_post_build``."""
    return strict_warnings_so_far(config) == 0
