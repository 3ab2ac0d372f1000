"""The panes of the staff main window."""
