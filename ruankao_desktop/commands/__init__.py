"""Command-line commands by feature; each module's `register(commands)` adds its subcommands to the
parser that `ruankao_desktop.cli` builds."""
