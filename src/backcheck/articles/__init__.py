"""Health articles: read them, check their claims against the knowledge base, search them.

``report.read_article`` is the pure per-document function (bytes in, report out);
``library`` stores reports and passages; ``ask`` answers questions from the knowledge base
with quotes from the passages.
"""
