"""Date mentions and the article's reference date."""
