"""Importing official certificate lists (xlsx / csv) and writing spreadsheets out (docs/architecture.md
"Importing").

`readers` opens a file (cells as `cells` reads them) and finds its header (`columns`); `rows` checks each
row with the domain rules (`idcheck`, `qualifications`, and `lookups` for the catalogue and sessions);
`staging` keeps the valid rows in temporary tables and checks them against each other and the database;
`writer` applies them; `report` holds what a preview or an import found; `tables` writes .xlsx / .csv.
`core.services.importing` and `core.services.exporting` are the facades the CLI and the GUI call.
"""
