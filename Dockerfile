# civicdesk: one image for the web, the worker and beat (deploy/compose.yaml runs all three from it).
# Slim, runs as an unprivileged user, static files collected into the image at build time.
# Build: docker build -t civicdesk .    The same entry points as scripts/production-smoke and deploy/systemd.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY civicdesk ./civicdesk
RUN python -m venv /opt/civicdesk \
 && /opt/civicdesk/bin/pip install ".[s3]" \
 && find /opt/civicdesk -name "__pycache__" -prune -exec rm -rf {} +

FROM python:3.11-slim-bookworm
# pg_dump/pg_restore for `civicdesk backup` (bookworm's client is PostgreSQL 15, as in compose.yaml:
# pg_dump must be at least the server's major version); gettext for compilemessages; a serif font
# with every Vietnamese letter for the signed answer letters (answers/letter.py).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client gettext fonts-dejavu-core fonts-dejavu-extra \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/civicdesk --create-home civicdesk
COPY --from=build /opt/civicdesk /opt/civicdesk
ENV PATH=/opt/civicdesk/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    CIVICDESK_DATA_DIR=/var/lib/civicdesk \
    CIVICDESK_STATIC_ROOT=/opt/civicdesk/static \
    CIVICDESK_BIND=0.0.0.0:8000
# A throw-away key only for this step: settings refuse to start without one outside demo mode.
RUN CIVICDESK_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    CIVICDESK_DATA_DIR=/tmp/build civicdesk collectstatic --noinput -v0 \
 && rm -rf /tmp/build
USER civicdesk
WORKDIR /var/lib/civicdesk
VOLUME ["/var/lib/civicdesk"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
# web; the worker and beat override the command (deploy/compose.yaml)
CMD ["gunicorn", "-c", "python:civicdesk.ops.gunicorn_conf", "civicdesk.wsgi"]
