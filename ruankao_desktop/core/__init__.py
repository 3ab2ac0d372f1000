"""Everything that is not the GUI: domain rules, storage, services. Never imports Qt."""
