"""The ledger's files and what keeps them sound: model, plan and its rules, progress files, store, cache, git revisions, the in-force engine, numbers, dates."""
