"""Watch every file an editor or translator saves, and refresh the site model once per burst.

Editors save pages, flows, PO files (Poedit writes them), the glossary, ``mkdocs.yml`` and theme
overrides. A save of ``mkdocs.yml`` or of the theme reloads the configuration; anything else
runs the model again. Editors' programs write several files at once (and PO files through a
temporary file renamed over the old one), so events are gathered for a moment first.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from plainpath.preview.site_model import SiteModel

SETTLE_SECONDS = 0.05
WRITES = {"created", "modified", "moved", "deleted"}
log = logging.getLogger("mkdocs.plugins.plainpath.preview")


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def watched_places(root: Path, config) -> tuple[list[Path], list[Path]]:
    """(folders watched with their subfolders, folders watched alone) for a project."""
    deep = [root / "content", root / "flows", root / "translations"]
    shallow = [root]  # mkdocs.yml
    if config is not None:
        from plainpath.pages.plugin import editor_folders

        deep = editor_folders(config) + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
        translation = config.plugins.get("plainpath/i18n")
        if translation is not None:
            glossary = (root / translation.config.glossary).parent.resolve()
            if not any(glossary.is_relative_to(folder.resolve()) for folder in deep):
                shallow.append(glossary)
    return [folder for folder in deep if folder.is_dir()], [folder for folder in shallow if folder.is_dir()]


class ChangeWatcher(FileSystemEventHandler):
    """Collects saves; a worker thread refreshes the model after each burst of them."""

    def __init__(self, model: SiteModel) -> None:
        self.model = model
        self.root = model.config_file.parent.resolve()
        self.reload_roots: list[Path] = []
        self.condition = threading.Condition()
        self.pending: set[Path] = set()
        self.observer = Observer()
        self._busy = False  # a refresh is running

    def start(self) -> None:
        deep, shallow = watched_places(self.root, self.model.config)
        self.reload_roots = [self.model.config_file.resolve()]
        custom_dir = self.model.config.theme.custom_dir if self.model.config is not None else None
        if custom_dir:
            self.reload_roots.append(Path(custom_dir).resolve())
        for folder in deep:
            self.observer.schedule(self, str(folder), recursive=True)
        for folder in shallow:
            self.observer.schedule(self, str(folder), recursive=False)
        self.observer.start()
        threading.Thread(target=self._refresh_loop, daemon=True, name="plainpath-preview").start()

    def stop(self) -> None:
        self.observer.stop()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in WRITES or (event.is_directory and event.event_type == "modified"):
            return  # reading a file (opened, closed without writing) is not a save
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw and self._matters(Path(raw)):
                with self.condition:
                    self.pending.add(Path(raw).resolve())
                    self.condition.notify_all()

    def _matters(self, path: Path) -> bool:
        if path.name.startswith(".") or path.name.endswith(("~", ".tmp", ".swp")):
            return False  # temp files of editors and of our own atomic writes
        if path.parent.resolve() == self.root:
            return path.suffix in (".yml", ".yaml")
        return True

    def wait_until_settled(self, timeout: float = 30.0) -> None:
        """Block a request until every save seen so far is in the model."""
        with self.condition:
            self.condition.wait_for(lambda: not self.pending and not self._busy, timeout=timeout)

    def _refresh_loop(self) -> None:
        while True:
            with self.condition:
                self.condition.wait_for(lambda: bool(self.pending))
                self._busy = True
            time.sleep(SETTLE_SECONDS)
            with self.condition:
                changed, self.pending = self.pending, set()
            reload_config = any(
                path.is_relative_to(root) for path in changed for root in self.reload_roots
            )
            try:
                self.model.refresh(reload_config=reload_config)
                names = ", ".join(_shown(path, self.root) for path in sorted(changed)[:3])
                outcome = f"{len(self.model.errors)} problem(s), shown in the browser" if self.model.errors else "ready"
                log.info(f"Saved {names}{' and more' if len(changed) > 3 else ''}: "
                         f"{outcome} in {self.model.last_refresh_seconds:.2f} s.")
            finally:
                with self.condition:
                    self._busy = bool(self.pending)
                    self.condition.notify_all()
