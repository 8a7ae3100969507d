"""Writers that turn a project's stored tokens, sentences and spans into training files."""
