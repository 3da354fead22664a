# Every peakshop service's image, built from the repository root:
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=order --build-arg PORT=3001 .
# One Dockerfile for all services, so their images cannot drift apart.
# NODE_IMAGE defaults to the official Node.js image; offline machines pass the
# locally built one (infra/images/build.sh).
ARG NODE_IMAGE=node:24.21.0-trixie-slim

FROM ${NODE_IMAGE} AS build
ARG PNPM_VERSION=12.4.2
RUN npm install --global --silent pnpm@${PNPM_VERSION}
WORKDIR /repo
COPY . .
# Install and build every workspace package before SERVICE is known: the layers
# are then the same for every service, so building all images builds once.
RUN pnpm install --frozen-lockfile --reporter=append-only \
 && pnpm --recursive run build
ARG SERVICE
RUN test -n "${SERVICE}" || (echo "pass --build-arg SERVICE=<app>" >&2; exit 1)
RUN pnpm --filter "@peakshop/${SERVICE}" deploy --prod /out

FROM ${NODE_IMAGE}
ARG PORT=3000
ENV NODE_ENV=production \
    HTTP_PORT=${PORT}
WORKDIR /app
COPY --from=build /out ./
USER node
EXPOSE ${PORT}
# bash's /dev/tcp instead of `node -e fetch(...)`: starting a second Node.js every
# 5 s cost each container more CPU than the check itself. Every 15 s: each check
# is also a `docker exec`, which costs dockerd, containerd and runc far more
# (docker-compose.yml, PEAKSHOP_HEALTHCHECK_INTERVAL).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=12 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${HTTP_PORT} && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
CMD ["node", "dist/main.js"]
