"""HTTP plumbing as httpx transports: pacing, retries, an error breaker, an on-disk cache.

This layer knows httpx, not References; :mod:`refs.sources` builds on it.
"""
