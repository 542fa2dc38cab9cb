"""Rule families, one module each; :func:`refs.check.registry.discover` imports them all."""
