# ashyq in a container: Debian's Chromium, tesseract (kaz, rus, eng), poppler and fonts for
# Kazakh and Russian text, with `ashyq` as the entry point. Reports go to a mounted folder:
#   docker build -t ashyq .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD/out:/work/out" ashyq \
#     run https://example.gov.kz/ --out out/
# tests/unit/test_packaging.py lints this file and checks that its apt-get packages are the
# ones the README's install line names (and the ones scripts/ensure-system.sh installs).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The product's system packages only (the README's first install line); PostgreSQL and Redis
# are for the test suite and a fleet's queue, which run elsewhere. DejaVu and Liberation cover
# Cyrillic with the Kazakh letters, and Liberation stands in for Arial/Times, which most
# government sites ask for, so text is measured and screenshotted as on a desktop.
# Versions are not pinned (DL3008): bookworm's security updates replace Chromium's old ones.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        chromium \
        tesseract-ocr \
        tesseract-ocr-kaz \
        tesseract-ocr-rus \
        tesseract-ocr-eng \
        poppler-utils \
        fonts-dejavu-core \
        fonts-liberation \
    && rm -rf /var/lib/apt/lists/*

# A plain install (no test extras, not editable); the source is dropped once installed.
COPY pyproject.toml README.md LICENSE /tmp/ashyq-src/
COPY tester /tmp/ashyq-src/tester
RUN pip install /tmp/ashyq-src \
    && rm -rf /tmp/ashyq-src

# Debian's Chromium, not a Playwright download (the image has none).
# No sandbox flag to set: ashyq always launches Chromium with --no-sandbox (LAUNCH_ARGS in
# tester/browser/launch.py), because most CI hosts' Docker gives a container neither user
# namespaces nor the seccomp profile Chromium's sandbox needs; each site still gets its own
# browser context. Playwright adds --disable-dev-shm-usage, so Docker's 64 MB /dev/shm is enough.
ENV ASHYQ_EXECUTABLE_PATH=/usr/bin/chromium

# A fixed non-root user. /work and HOME are writable by any UID too, so
# `docker run --user "$(id -u):$(id -g)"` writes reports the host user owns.
RUN useradd --uid 10001 --user-group --create-home --home-dir /home/ashyq \
        --shell /usr/sbin/nologin ashyq \
    && mkdir -p /work \
    && chown ashyq:ashyq /work \
    && chmod 1777 /work /home/ashyq
ENV HOME=/home/ashyq
WORKDIR /work
USER 10001:10001

ENTRYPOINT ["ashyq"]
CMD ["--help"]
