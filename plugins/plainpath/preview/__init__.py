"""The editor's preview: the site model kept warm in one process, pages rendered on request."""
