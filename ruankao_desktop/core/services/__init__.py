"""Use cases, one module each; the CLI and the GUI are two faces on these."""
