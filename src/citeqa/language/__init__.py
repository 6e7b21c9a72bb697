"""Stage 0, used by every stage: words and sentences (text.py) and general English and
medical word lists (wordlists.py). Nothing here knows about documents or questions."""
