"""Stage 3: what a question says and asks, read against one index.

vocabulary.py holds what the index's words are (statistics, spelling, drug subjects);
lay_words.py bridges lay words to the documents' words; kinds.py names the kinds of
answer asked for and held; followups.py reads an elliptical question against the
conversation; understand.py puts these together into a Query (query.py).
"""
