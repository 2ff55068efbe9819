"""Export: the status table as CSV, JSON, Markdown, HTML and SVG, safe to publish."""
