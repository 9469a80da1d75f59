"""Words with part-of-speech tags (a private jieba tokenizer fed from our lexicon) and the Document extractors read."""
