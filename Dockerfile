# syntax=docker/dockerfile:1
# Kubemate image: `docker build -t kubemate .` at the repository root. The image runs `kubemate run`; every
# setting is a KUBEMATE_* environment variable (docs/configuration.md). Helm chart and compose file: deploy/.

# ---- build: `mvn -B -DskipTests package`, the local repository in a BuildKit cache mount
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# the whole reactor (every module directory; .dockerignore keeps out target/, .git, deploy/ and docs/), so a
# new module needs no change here; app packs scenarios/ into its jar (`kubemate demo`)
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

# ---- runtime: a JRE, the application jar and its lib/ directory, a non-root user, the data dir as a volume
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 kubemate \
 && useradd --system --uid 10001 --gid kubemate --home-dir /var/lib/kubemate --shell /usr/sbin/nologin kubemate \
 && mkdir -p /var/lib/kubemate \
 && chown kubemate:kubemate /var/lib/kubemate
WORKDIR /opt/kubemate
COPY --from=build /src/app/target/kubemate.jar kubemate.jar
COPY --from=build /src/app/target/lib lib
# KUBEMATE_HTTP_PORT's default is 8080; KUBEMATE_DATA_DIR holds the streams state (streams/), the embedded
# broker's log (kafka/, only without KUBEMATE_KAFKA_BOOTSTRAP) and the local memory index when Milvus is not set.
ENV KUBEMATE_DATA_DIR=/var/lib/kubemate \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/kubemate"]
EXPOSE 8080
USER 10001:10001
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${KUBEMATE_HTTP_PORT:-8080}/healthz" >/dev/null || exit 1
# the same classpath as the ./kubemate launcher: the embedded broker child process reuses it
ENTRYPOINT ["java", "-cp", "/opt/kubemate/kubemate.jar:/opt/kubemate/lib/*", "io.kubemate.app.cli.KubemateCli"]
CMD ["run"]
