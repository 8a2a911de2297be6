FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    NEWSBRIEF_DB=/app/data/newsbrief.db NEWSBRIEF_CORPUS=/app/data/corpus

WORKDIR /app
COPY pyproject.toml README.md ./
COPY briefings ./briefings
COPY bot ./bot
RUN pip install --no-cache-dir . \
    && useradd --create-home --uid 10001 newsbrief
COPY --chown=newsbrief:newsbrief data/corpus ./data/corpus
RUN chown newsbrief:newsbrief /app/data

USER newsbrief
# The database and the corpus live here; mount a volume to keep subscriptions across containers.
VOLUME ["/app/data"]
CMD ["newsbrief", "run"]
