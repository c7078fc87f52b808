"""Build a site in a separate process, exactly as an editor or CI does with ``mkdocs build``.

Tests, the accessibility gate and benchmarks need a real build; a subprocess keeps MkDocs'
global state (logging, plugin instances) out of the caller's process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def build_site(project: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` for ``project`` into ``site_dir``; the caller checks the result."""
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
