"""MkDocs glue for the accessibility gate's settings: a typo in a rule level fails the build.

The gate itself runs after the build (accessibility_tests/); it reads the same options from
``mkdocs.yml``. Checking them here tells the editor at once, not at the next gate run.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from plainpath.accessibility.author_rules import rule_levels


class AccessibilityConfig(base.Config):
    """``rules``: author-level rule name -> error, warning or off (defaults in author_rules.py)."""

    rules = c.Type(dict, default={})


class AccessibilityPlugin(BasePlugin[AccessibilityConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        rule_levels({"rules": self.config.rules}, config.config_file_path or "mkdocs.yml")  # names a mistake's line
        return config
