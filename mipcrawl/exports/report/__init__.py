"""The edition report: one self-contained HTML page (inline CSS and SVG, no external assets)."""
