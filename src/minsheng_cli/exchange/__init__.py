"""The Excel/CSV sheets units fill in: template and import."""
