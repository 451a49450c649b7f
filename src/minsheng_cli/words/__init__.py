"""All user-facing Chinese text, split by area, and the code↔word vocabularies the rules read.

One module an area (ledger, check, progress, exchange, report, git, schema, init, commands, vocab).
Messages with fields are `str.format` templates. Keep wording consistent: 个百分点, 县（市、区）
with full-width brackets, 2023年6月底.
"""
