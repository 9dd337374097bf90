"""Imported by the forkserver of the local pool: warms the pipeline once, before forking.

Every worker forked from the server then starts with spaCy, jieba's dictionary
and OpenCC already loaded (and shares their memory copy-on-write), so starting
or replacing a worker costs milliseconds instead of seconds. ``gc.freeze()``
keeps the collector from touching (and so copying) those shared pages.
"""

import gc

from reportnlp.batch.workers import warm_up

warm_up()
gc.freeze()
