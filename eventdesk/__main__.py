"""`python -m eventdesk` runs the CLI."""

from eventdesk.cli import app

app(prog_name="eventdesk")
