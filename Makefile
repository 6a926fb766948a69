# The two set-up commands: `make run` and `make test`. Both bring up a
# PostgreSQL by themselves unless DATABASE_URL is set (scripts/devdb.sh).
.PHONY: run test build lint fuzz bench trace

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null)

build:
	go build -ldflags "-X main.version=$(VERSION) -X main.commit=$(COMMIT)" -o tkpkbot ./bot

# Without TELEGRAM_BOT_TOKEN (in the environment or .env) this opens the
# console, where you chat with the real handlers in the terminal.
run: build
	@scripts/run.sh

test:
	@TEST_DATABASE_URL=$$(scripts/devdb.sh postgres) && export TEST_DATABASE_URL && \
	go vet ./... && \
	go test -race -count=1 ./...

lint:
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	go vet ./...
	staticcheck ./...

# Short fuzzing of every parser of user input (FUZZTIME=10s by default).
fuzz:
	@scripts/fuzz.sh

# The files each traced request runs through (scripts/trace.sh).
trace:
	@scripts/trace.sh
