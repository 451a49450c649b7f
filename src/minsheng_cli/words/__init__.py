"""All user-facing Chinese text, split by area, and the code↔word vocabularies the rules read."""
