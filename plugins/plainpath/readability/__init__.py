"""Readability: textstat scores per page and language, and a plain-English lint for editors."""
