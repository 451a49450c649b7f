"""Named check functions over a whole ledger, each returning problems."""
