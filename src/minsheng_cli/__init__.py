"""minsheng：重点民生实事台账 — a command-line ledger over plain files."""

__version__ = "0.1.0"
