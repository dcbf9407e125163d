# syntax=docker/dockerfile:1
# ssm-why: build with the full toolchain, run with production dependencies only.
#   docker build -t ssm-why .
#   docker run --init -p 3000:3000 --env-file .env -v ssm-why-data:/app/data ssm-why
# (--init gives PID 1 a signal-forwarding init, so `docker stop` reaches Node's SIGTERM handler promptly.)

ARG NODE_VERSION=22

# ---- build: dependencies (incl. dev), generated Prisma client, TypeScript → dist/ ----
FROM node:${NODE_VERSION}-slim AS build
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

# ---- runtime ----
FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# dist/ holds the compiled app including the generated Prisma client; prisma/migrations is applied by the
# app at start-up (src/store/migrator.ts resolves it as ../../prisma/migrations from dist/store).
COPY --from=build /app/dist ./dist
COPY prisma/ ./prisma/

# Embedded database and other state (DATA_DIR). Created before VOLUME so a new volume inherits the owner.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]

USER node
EXPOSE 3000

# slim images have no curl: use Node's fetch. /healthz is served in HTTP and Socket Mode alike.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/main.js"]
