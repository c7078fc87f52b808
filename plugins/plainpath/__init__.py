"""plainpath: publish plain-English, translated, accessible council guidance with MkDocs."""

__version__ = "0.1.0"
