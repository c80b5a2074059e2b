"""Scale-out: the same ingest on this machine's processes or on a Ray cluster (layer 4).

:func:`marsad.scale.runners.get_runner` picks a :class:`~marsad.scale.runners.Runner` by engine
name; every runner calls the ingest service (:func:`marsad.services.collection.ingest`) with its
own way of running the pipeline, so reading, skipping, rejecting and writing are one code path.
:mod:`marsad.scale.ray_data` reads input pieces (:mod:`marsad.scale.inputs`) as a Ray dataset and
writes Parquet shards (:mod:`marsad.scale.shards`) that :mod:`marsad.scale.load` stores later.
Ray and pyarrow are optional extras, imported only here and only when used.
"""
