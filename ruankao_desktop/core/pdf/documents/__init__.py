"""One builder per printed document; each returns the PDF's bytes."""
