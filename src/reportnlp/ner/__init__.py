"""Named entities and officials: gazetteers, rules and the spaCy pipeline."""
