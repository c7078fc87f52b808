"""Content pages: front matter every page must carry, checked with the line it is on."""
