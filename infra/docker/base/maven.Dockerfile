# A stand-in for maven:3-eclipse-temurin-17 (the Kafka image's build stage): Debian bookworm's Maven 3.8 and JDK 17.
ARG DEBIAN_IMAGE=microbank-base/debian:bookworm
FROM ${DEBIAN_IMAGE}
# the host's own CAs (e.g. a TLS-inspecting egress proxy's), so builds here trust what the host trusts
COPY local-ca/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && apt-get install -y --no-install-recommends maven openjdk-17-jdk-headless ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && mvn --version
