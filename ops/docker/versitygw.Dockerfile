# The S3 server: versitygw built from its Go module (Apache-2.0), with SigV4 checks and Kafka notifications.
FROM golang:1.26-bookworm AS build
RUN go install github.com/versity/versitygw/cmd/versitygw@v1.7.0
FROM debian:bookworm-slim
COPY --from=build /go/bin/versitygw /usr/local/bin/versitygw
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["versitygw"]
