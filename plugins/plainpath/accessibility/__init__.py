"""The accessibility gate: axe-core and browser checks in real Chromium, allowlist, reports."""
