"""FlowLinks for a page of an MkDocs site: URLs relative to the page that shows them."""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from plainpath.flows.links import FlowLinks


def site_flow_links(
    files: Files, current: File, titles: Mapping[str, str], prefix: str = ""
) -> FlowLinks:
    """Links as seen from ``current``, into the same language (``prefix`` like ``"es/"``)."""

    def url_of(src_uri: str) -> str:
        target = files.get_file_from_path(prefix + src_uri) or files.get_file_from_path(src_uri)
        if target is None:
            raise KeyError(src_uri)
        return get_relative_url(target.url, current.url)

    def title_of(src_uri: str) -> str:
        return titles.get(prefix + src_uri) or titles.get(src_uri, src_uri)

    return FlowLinks(
        page_url=url_of,
        flow_url=lambda flow_id: url_of(f"flows/{flow_id}.md"),
        page_title=title_of,
    )
