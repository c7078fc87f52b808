"""Options of the ``plainpath/flows`` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class FlowsConfig(base.Config):
    """Where flows live and which renderings to produce."""

    enabled = c.Type(bool, default=True)
    flows_dir = c.Type(str, default="flows")
    chart = c.Type(bool, default=True)
    part_of_box = c.Type(bool, default=True)
