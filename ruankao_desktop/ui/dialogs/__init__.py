"""Small dialogs the panes open."""
