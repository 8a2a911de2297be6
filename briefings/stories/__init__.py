"""Story grouping: articles about the same event, from any outlet, told once."""
