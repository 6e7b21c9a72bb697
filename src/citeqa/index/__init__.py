"""Stage 2: documents (from ingest) become an index on disk.

chunk.py cuts passages; embed.py and fast_encoder.py turn texts into vectors;
lexicon.py, drug_names.py and entities.py learn abbreviations and the drugs named; dense.py holds the
vector search; build.py refreshes an index from the seeds folder and store.py saves and
loads its versions. Nothing here reads questions.
"""
