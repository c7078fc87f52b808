"""The trust boundary: what untrusted text (pages, flows, PO files, YAML) may put into the site.

Editors, translators and engines are not trusted to write HTML, paths or YAML safely. Each module
here owns one wall: ``html_boundary`` (an HTML5 allowlist sanitiser for every fragment),
``urls`` (WHATWG scheme normalisation), ``plain_text`` (text fields hold no markup),
``templates`` (escape by default in the theme), ``csp`` (Content-Security-Policy, the second
wall), ``files`` (nothing outside the repository) and ``bounded_yaml`` (no alias bombs).
"""
