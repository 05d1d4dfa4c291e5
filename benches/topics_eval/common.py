"""Paths shared by the topic evaluation scripts (stdlib only).

The shared data is read from $GOFTAR_SHARED (default: ../shared next to the repository root);
everything produced goes to $GOFTAR_TOPICS_EVAL (default: /tmp/goftar_topics_eval).
"""
import os
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
SHARED = os.environ.get('GOFTAR_SHARED', os.path.join(REPO, '..', 'shared'))
WORK = os.environ.get('GOFTAR_TOPICS_EVAL', '/tmp/goftar_topics_eval')
NEWS = os.path.join(SHARED, 'data', 'news')
SCORER = os.path.join(SHARED, 'eval', 'topics_score.py')
# The tagged files and the short names the scripts use for them.
FILES = {'fars': 'fars_news.jsonl', 'varzesh3': 'varzesh3.jsonl', 'news': 'news_2025_4agencies.jsonl'}

sys.path.insert(0, os.path.join(SHARED, 'eval'))
os.makedirs(WORK, exist_ok=True)


def work(name):
    return os.path.join(WORK, name)
