# syntax=docker/dockerfile:1
# ssm-why: build with the full toolchain, run compiled JavaScript on production dependencies only.
#   docker build -t ssm-why .
#   docker run -p 3000:3000 --env-file .env -v ssm-why-data:/app/data ssm-why
# or `docker compose up` (compose.yaml: the app and PostgreSQL).
#
# Base image: node:22-bookworm-slim (Node 22 LTS; Node 20 is past end of life), pinned by digest so a rebuild
# gets the same bytes. Refresh the digest deliberately:
#   docker buildx imagetools inspect node:22-bookworm-slim --format '{{json .Manifest.Digest}}'
ARG BASE_IMAGE=node:22-bookworm-slim@sha256:43ac6c60b8f89723f746e8a92ce91abd5017e627ce1ddfe4238355d3a30b772c

# ---- build: dependencies (incl. dev), generated Prisma client, TypeScript → dist/ ----
FROM ${BASE_IMAGE} AS build
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1

# Only what `npm ci` and the root postinstall (prisma generate → src/store/generated) need, so this layer
# is reused until dependencies or the schema change.
COPY package.json package-lock.json ./
COPY scripts/ ./scripts/
COPY prisma/ ./prisma/
COPY prisma.config.ts ./
# Dependencies' install scripts stay off, as the allowScripts field in package.json decides (npm 11); the
# image's npm may be older and not know that field, so say it explicitly and run our own postinstall.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm run postinstall

# src/store/generated is excluded by .dockerignore: the client generated above is the one compiled.
COPY tsconfig.json tsconfig.build.json ./
COPY src/ ./src/
RUN npm run build

# ---- production dependencies: no Prisma CLI, no tsx, no TypeScript ----
FROM ${BASE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prune-build-tools.mjs ./scripts/
# npm keeps the optional peers the lock file holds for the dev tools (the Prisma CLI and TypeScript are optional
# peers of @prisma/client): the prune script removes every package production does not reach (≈ 410 MB → 190 MB).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && node scripts/prune-build-tools.mjs \
 && npm cache clean --force

# ---- runtime ----
FROM ${BASE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to Node and reaps children, without relying on `docker run --init`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
# dist/ holds the compiled app including the generated Prisma client; prisma/migrations is applied by the
# app at start-up (src/store/migrator.ts resolves it as ../../prisma/migrations from dist/store).
COPY --from=build /app/dist ./dist
COPY prisma/migrations/ ./prisma/migrations/

# Embedded database and other state (DATA_DIR). Created before VOLUME so a new volume inherits the owner.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]

USER node
EXPOSE 3000
STOPSIGNAL SIGTERM

# Docker format only: OCI images (buildah/podman default) drop HEALTHCHECK — use the README's Kubernetes/ECS
# probes there. Slim images have no curl: Node's fetch. /healthz is served in HTTP and Socket Mode alike.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
# The app's shutdown deadline (SSM_WHY_SHUTDOWN_DEADLINE_MS, default 8 s) fits Docker's 10 s stop grace.
CMD ["node", "dist/main.js"]
