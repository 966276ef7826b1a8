# The Mission Atlas API and projector image (docker-compose.yml runs both from it).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY events events
COPY graph graph
COPY api api
COPY ontology ontology
RUN pip install --no-cache-dir . && useradd --create-home atlas && mkdir /data && chown atlas /data
USER atlas
ENV MISSION_ATLAS_DATA_DIR=/data
# The SQLite event store and the embedded graph when the image runs on its own: a volume, so
# that they outlive the container (under docker-compose.yml the events are in PostgreSQL and
# the graph in Neo4j).
VOLUME ["/data"]
EXPOSE 8000
CMD ["mission-atlas", "serve", "--host", "0.0.0.0", "--port", "8000"]
