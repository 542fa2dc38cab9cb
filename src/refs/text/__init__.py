"""Layer 2: pure normalisation -- str -> str/value functions with doctests, no I/O, no models."""
