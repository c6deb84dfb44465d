"""gunicorn settings for the web process (`gunicorn lms.wsgi`), read from the environment.

Threads wait on the database and object storage; the worker timeout stays above
DB_STATEMENT_TIMEOUT so a slow query ends with its own error first.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Workers are not recycled by default: each recycle stalls that worker's connections (the
# p99 jumped to 0.4-0.7 s under load). Set it (e.g. 50000) if a worker's memory grows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Load the app once in the master: a worker recycled by max_requests is a fork, not a
# fresh Django start (which stalls its connections for a second or more under load).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# The proxy's address: only it may set X-Forwarded-For / X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
