"""Step flows: YAML processes that become step-by-step pages, flow charts and "Part of" boxes."""
