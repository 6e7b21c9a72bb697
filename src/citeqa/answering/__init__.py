"""Stage 4: from a read question to cited passages, or a plain "not in the documents".

retrieve.py ranks passages (dense and BM25 fused); reader_model.py is the learned reader
that judges whether a sentence answers; quotes.py chooses the sentences to quote and
judge.py whether they answer at all, or the answer is declined.
"""
