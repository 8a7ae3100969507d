"""Crafted and damaged files, made by code (never kept as binaries), and the tests that open them."""
