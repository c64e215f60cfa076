# syntax=docker/dockerfile:1
# Porthole: the daemon (`porthole serve`) and the dashboard in one image.
#   docker build -t porthole .
#   docker compose up            (see docker-compose.yml and docs/daemon.md)

# ---- build: all dependencies, the compiled agent and the dashboard bundle, then runtime dependencies only ----
FROM node:22-bookworm-slim AS build
WORKDIR /app
# Toolchain for better-sqlite3 in case no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY core/package.json core/
COPY estate/package.json estate/
COPY agent/package.json agent/
COPY web/package.json web/
RUN npm ci --no-audit --no-fund
COPY . .
# shared + core + estate + agent compiled to JavaScript (shared/dist, agent/dist) and the dashboard (web/dist, served at /).
RUN npm run build
# The image runs the compiled JavaScript: no TypeScript loader, no dev tools, no sources or tests.
RUN npm prune --omit=dev --no-audit --no-fund \
 && rm -rf test bench agent/src agent/test-kit core/src core/test-kit estate/src estate/test-kit shared/src web/src web/test-kit

# ---- runtime: non-root, tini as PID 1 so signals reach node and zombies are reaped ----
FROM node:22-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORTHOLE_HOST=0.0.0.0 \
    PORTHOLE_PORT=7070 \
    PORTHOLE_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /data && chown node:node /data
USER node
# /tmp is a volume too: on ECS with a read-only root filesystem (deploy/ecs) a bind mount at a VOLUME
# path gets the image's content and mode (1777 here), so the non-root user can still write tsx's cache.
VOLUME ["/data", "/tmp"]
EXPOSE 7070
# Listening on 0.0.0.0 inside the container: Porthole refuses to start unless PORTHOLE_TOKEN is set.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORTHOLE_PORT||7070)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "agent/bin/porthole.js"]
CMD ["serve"]
