"""Pure data, no output format: periods, schedule, the report and its wording, listing, log, diff."""
