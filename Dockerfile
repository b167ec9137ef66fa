# The Nexus image: one image for the API (`node --no-memory-reducer src/server.ts`) and the projector
# (`node scripts/projector.ts`). Node 24 runs the TypeScript sources directly (type stripping), so
# there is no build step and no dev dependency in the image.
FROM node:24.21.0-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

# Dependencies first, so a source change reuses this layer. The `node` devDependency only pins
# Node 24 for npm scripts on developer machines; the base image already is Node 24.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Migrations live in src/db/migrations.
COPY src ./src
COPY projections ./projections
COPY scripts ./scripts

USER node
EXPOSE 3000

# No HEALTHCHECK here: the projector runs from this image too and serves no HTTP. docker-compose.yml
# checks the API's /health/ready instead.
# --no-memory-reducer: src/runtime/api-node-flags.ts (V8's memory-reducing GC unmapped its page pool
# on the event loop, stalling it during trainings). The projector runs without it.
CMD ["node", "--no-memory-reducer", "src/server.ts"]
