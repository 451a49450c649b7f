"""typer only: the group, global options, the error boundary, and one module per command."""
