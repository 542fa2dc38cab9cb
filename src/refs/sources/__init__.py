"""Typed clients for the DOI metadata services; each returns References.

They take an ``httpx.Client`` built by :func:`refs.net.client.make_client`, so caching,
pacing and retries are the transport's business, not theirs.
"""
