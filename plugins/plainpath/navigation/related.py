"""Related content, the GOV.UK way: a short list of other pages an editor chose for this one.

Editors name pages by their path under ``content/`` (``related: [council-tax/index.md]``); each
language's page links to that language's version, under its translated title. A path that is
not a page stops the build at its line.
"""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plainpath.errors import EditorError, did_you_mean
from plainpath.pages.front_matter import load_front_matter


def related_pages(page: Page, files: Files, prefix: str) -> list[Page]:
    """The pages in ``related:``, each in the reader's language when it exists."""
    found = []
    for src_uri in page.meta.get("related") or []:
        target = files.get_file_from_path(prefix + src_uri) or files.get_file_from_path(src_uri)
        if target is not None and target.page is not None:
            found.append(target.page)
    return found


def related_errors(page: Page, files: Files, display: str) -> list[EditorError]:
    """Each ``related:`` entry must be a page of the site; the error names its line."""
    paths = page.meta.get("related") or []
    if not paths:
        return []
    # English paths only: a translated copy is never what an editor means (nor a suggestion)
    known = {file.src_uri for file in files.documentation_pages() if file.generated_by != "plainpath/i18n"}
    errors = []
    for index, src_uri in enumerate(paths):
        if src_uri in known:
            continue
        where = load_front_matter(page.file.content_string, display).locate(("related", index))
        errors.append(EditorError(
            "page", where, f"the related page '{src_uri}' does not exist.",
            " ".join(filter(None, [did_you_mean(src_uri, known),
                                   "Write the path of a page under content/, like 'parking/apply.md'."])),
        ))
    return errors
