"""Layer 3: readers and writers. Each format module offers loads/dumps (+ load/dump for paths).

``refs.io.formats`` picks a reader or writer by file suffix; ``refs.io.files`` holds the
atomic write, the diff preview and tolerant decoding every format shares.
"""
