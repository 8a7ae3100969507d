"""Team review in the window: the agreement view and curation into gold."""
