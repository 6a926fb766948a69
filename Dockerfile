# syntax=docker/dockerfile:1
# Multi-stage build: a static binary with time zone data embedded, run as
# an unprivileged user on a minimal base.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata \
    -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
    -o /out/tkpkbot ./bot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/tkpkbot /usr/local/bin/tkpkbot
USER nonroot:nonroot
# 8080: /healthz, /readyz, /metrics (HTTP_ADDR). All interfaces inside the
# container so a published port reaches it; publish it on a private address
# only. 8443: the webhook (WEBHOOK_ADDR), when WEBHOOK_URL is set.
EXPOSE 8080 8443
ENV HTTP_ADDR=:8080 BOT_TIMEZONE=Asia/Makassar
HEALTHCHECK NONE
ENTRYPOINT ["/usr/local/bin/tkpkbot"]
CMD ["serve"]
