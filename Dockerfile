# syntax=docker/dockerfile:1
# The operator image: the shaded jar on a Java 17 runtime, run as an unprivileged user.
#
#   mvn -B -pl operator package -DskipTests
#   docker build -t ghcr.io/fidelius-dev/fidelius-operator:0.1.0 .
#
# The chart runs it as `java <JVM options> -jar /opt/fidelius-operator/fidelius-operator.jar` with a read-only
# root filesystem (the JVM writes only to /tmp, an emptyDir) and configures it through environment variables.
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}

ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="fidelius-operator" \
      org.opencontainers.image.description="Syncs secrets from the Fidelius store (DynamoDB + KMS) and AWS Secrets Manager into Kubernetes Secrets" \
      org.opencontainers.image.version="${VERSION}"

# A fixed numeric uid/gid (65532, as distroless' nonroot), so that runAsNonRoot can verify it and the chart's
# podSecurityContext matches; no home directory, no login shell.
RUN groupadd --system --gid 65532 fidelius \
 && useradd --system --uid 65532 --gid 65532 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin fidelius

# Owned by root and not writable by the operator's user.
COPY operator/target/fidelius-operator.jar /opt/fidelius-operator/fidelius-operator.jar

USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/fidelius-operator/fidelius-operator.jar"]
