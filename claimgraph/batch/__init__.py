"""Backfills on Dask: inputs cut into partitions (:mod:`.partitions`), each extracted on a
worker (:mod:`.worker`) into a shard of extraction records (:mod:`.shards`) that
``claimgraph ingest`` loads; :mod:`.run` drives it from the client."""
