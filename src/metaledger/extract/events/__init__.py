"""Event claims: triggers from the event lexicon, their arguments, certainty and attribution."""
