# A stand-in for eclipse-temurin:17-jre: Debian bookworm's OpenJDK 17 runtime.
ARG DEBIAN_IMAGE=microbank-base/debian:bookworm
FROM ${DEBIAN_IMAGE}
# the host's own CAs (e.g. a TLS-inspecting egress proxy's), so builds here trust what the host trusts
COPY local-ca/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && java -version
