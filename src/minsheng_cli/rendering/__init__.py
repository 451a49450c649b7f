"""One module per output format; each takes what reporting built and computes nothing."""
