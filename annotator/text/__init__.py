"""Persian text pipeline: normalization with an exact offset map, tokens and sentences."""
