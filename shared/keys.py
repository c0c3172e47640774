"""DynamoDB key builders. Every table is single-table: pk/sk plus gsi1pk/gsi1sk (and gsi2)."""

from __future__ import annotations

SEP = "#"


def key(*parts: object) -> str:
    """key("ORDER", "A1") -> "ORDER#A1". Parts must not contain the separator."""
    text = [str(p) for p in parts]
    for part in text:
        if SEP in part:
            raise ValueError(f"key part {part!r} contains {SEP!r}")
    return SEP.join(text)


def shard(value: str, shards: int) -> int:
    """A stable shard number for write-sharding hot keys (not Python's salted hash)."""
    import zlib

    return zlib.crc32(value.encode()) % shards
