"""The trust boundary: what untrusted text (pages, flows, PO files, YAML) may put into the site.

Editors, translators and engines are not trusted to write HTML, paths or YAML safely. Each module
here owns one wall: ``html_boundary`` (an HTML5 allowlist sanitiser for every fragment),
``urls`` (WHATWG scheme normalisation), ``plain_text`` (text fields hold no markup),
``templates`` (escape by default in the theme), ``csp`` (Content-Security-Policy, the second
wall) and ``files`` (nothing outside the repository). YAML limits (no alias bombs) live with the
YAML reader, ``plainpath.located_yaml.BoundedLoader``; PO strictness in ``translation.po_check``.
"""
