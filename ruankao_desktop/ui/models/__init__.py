"""Qt item models over the core services."""
