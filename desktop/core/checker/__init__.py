"""The apology checker (under construction)."""
