"""Entity mentions: gazetteer matches, Chinese and Latin names by rule, aliases, types."""
