"""mkdocs.yml read outside a build (the accessibility gate, ``plainpath xliff``), as MkDocs reads it.

A council's mkdocs.yml may hold tags plain YAML does not know: ``!ENV`` (a value from the
environment, such as the LibreTranslate address), ``!relative`` and the ``!!python/name:`` tags
mkdocs-material's extensions are configured with. ``yaml.safe_load`` stops on each of them with
a traceback. Here ``!ENV`` takes its value as MkDocs would, and any other tag is read as the text
it holds: never run, since nothing outside a build needs it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from plainpath.errors import SourceLocation


class _SettingsLoader(yaml.SafeLoader):
    """The safe loader, with ``!ENV`` and unknown tags read as MkDocs' users expect."""


def _environment_value(loader: _SettingsLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER_NAME, default]``: the first variable set, else the
    default (the last item of a list when it names no variable), else None."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = [loader.construct_scalar(item) for item in node.value]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else ""
    return default


def _as_text(loader: _SettingsLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


_SettingsLoader.add_constructor("!ENV", _environment_value)
_SettingsLoader.add_multi_constructor("!", _as_text)
_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _as_text)


def read_settings(mkdocs_yml: Path) -> dict:
    """The settings in ``mkdocs_yml`` as a dict (empty for an empty file)."""
    data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_SettingsLoader)  # noqa: S506 - a safe loader
    return data if isinstance(data, dict) else {}


def option_location(config_file: str | Path, key: str) -> SourceLocation:
    """Where ``key:`` is first written in the settings file, for a message about that option
    (``mkdocs.yml:77:9``); the file alone when it cannot be read or the key is not there."""
    path = Path(config_file)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return SourceLocation(path.name)
    for number, line in enumerate(lines, start=1):
        if line.strip().startswith(f"{key}:"):
            return SourceLocation(path.name, number, line.index(key) + 1)
    return SourceLocation(path.name)
