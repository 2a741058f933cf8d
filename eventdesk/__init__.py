"""eventdesk: news reports in, sourced event data out."""

__version__ = "0.1.0"
