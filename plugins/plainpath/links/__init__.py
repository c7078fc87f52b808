"""Stable links: the published-URL lock, redirects in every language, 404 pages, link check."""
