"""Layer 7: the Click CLI. The only place in refs that prints or exits."""
