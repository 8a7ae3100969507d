"""The right-to-left document view and its code-point/UTF-16 position mapping."""
