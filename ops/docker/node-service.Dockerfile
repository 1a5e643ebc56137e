# One image for the four cloud services; SERVICE picks which one runs (api, bridge, analyzer, reconciler).
FROM node:24-bookworm-slim
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1 ONNXRUNTIME_NODE_INSTALL=skip CI=true
RUN npm install -g pnpm@12
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile
ARG SERVICE
ENV SERVICE=${SERVICE} HOST=0.0.0.0
USER node
CMD ["sh", "-c", "exec pnpm --filter @orak/${SERVICE} start"]
