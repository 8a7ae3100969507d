"""Team review: annotation packages, inter-annotator agreement and curation into gold."""
