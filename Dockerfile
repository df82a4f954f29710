# syntax=docker/dockerfile:1
#
# The Crescendo image: one fat jar, one entry point (`crescendo`). The operator runs it with the
# default command `operator`; its stage Jobs run the same image and tag as `crescendo loadgen ...`.
#
#   docker build -t ghcr.io/crescendo-dev/crescendo:0.1.0 .
#
# NOTE: this file has not been built where it was written: that machine has no Docker engine (and no
# hadolint). It was reviewed, not run. It needs BuildKit (the default since Docker 23) for the cache mount.

# ---- build: the Maven Wrapper on a full JDK 21 ----------------------------------------------------
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# .dockerignore keeps build output, Git metadata and the chart out of the context.
COPY . .
# The cache mount keeps ~/.m2 (dependencies and the Maven distribution the wrapper fetches) between
# builds without putting it in a layer. `-pl operator -am` builds the fat jar and the modules it
# needs, so the chart tests' dependencies (a native Helm library) are never downloaded here.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -pl operator -am package

# ---- runtime: a slim JRE 21 -------------------------------------------------------------------------
# Debian/Ubuntu-based on purpose, not -alpine: Netty's native epoll transport (the load generator's
# fast path) is built against glibc.
FROM eclipse-temurin:21-jre

LABEL org.opencontainers.image.title="crescendo" \
      org.opencontainers.image.description="Kubernetes operator and load generator for progressive load-test campaigns"

# A numeric, non-root user: Kubernetes can only verify `runAsNonRoot` against a numeric UID.
# 65532 is the conventional "nonroot" UID (as in distroless images); the chart runs as it too.
RUN groupadd --system --gid 65532 crescendo \
 && useradd --system --uid 65532 --gid 65532 --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin crescendo

WORKDIR /app
COPY --from=build /src/operator/target/crescendo.jar /app/crescendo.jar

USER 65532:65532
# 8080: the operator's /metrics, /healthz and /readyz. 9464: a load generator's /metrics and /snapshot.
EXPOSE 8080 9464

# MaxRAMPercentage: size the heap from the container's memory limit, leaving room for Netty's
# direct buffers and metaspace.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/crescendo.jar"]
CMD ["operator"]
