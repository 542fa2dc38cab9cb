"""Layer 1: the pydantic types every other layer speaks. Shape only, no I/O, no normalising."""
