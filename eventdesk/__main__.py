"""`python -m eventdesk` runs the CLI."""

from eventdesk.cli import run

run()
