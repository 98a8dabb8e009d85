"""A fleet of workers on Celery + Redis: one queued task per site, results kept per (run, site).

`ashyq worker --broker redis://…` runs the workers; `ashyq run --broker redis://… URL…` queues a
run, waits and writes one merged report (or `--detach`, then `ashyq queue collect RUN`).
Without `--broker` nothing here is used: the same site audit runs in-process.
"""
