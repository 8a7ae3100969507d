"""The PySide6 user interface; everything it shows comes from the core (``annotator``)."""
