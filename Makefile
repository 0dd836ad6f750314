# Amiable: build, run, test and package.
#
#   make run       install missing Debian packages, build, open the app
#   make test      install missing test packages, run every test with -race
#   make build     bin/amiable
#   make windows   bin/amiable.exe (mingw-w64 cross-build with cgo)
#   make installer bin/Amiable-Setup.exe (NSIS: per-user, French, no admin rights)
#   make screens   every screen under Xvfb at 1024×700 and 1366×768, fails if
#                  the window outgrows the screen; copies the shots to docs/screens/
#   make bench     benchmarks, also written to bench.txt
#   make smoke     real window under Xvfb on a demo database, screenshot smoke.png
#   make vet / fmt-check / icon / clean
#
# One tag set everywhere (a different set recompiles SQLite and Fyne's C code):
# sqlite_fts5 enables SQLite's full-text search, migrated_fynedo gives plain
# `go build` the fyneDo threading that FyneApp.toml declares, and tests add
# ci (Fyne's headless software driver).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

GO ?= go
TAGS := sqlite_fts5 migrated_fynedo
TEST_TAGS := $(TAGS) ci
BIN := bin/amiable
EXE := bin/amiable.exe
SETUP := bin/Amiable-Setup.exe
ICO := bin/amiable.ico
# The installer's version is FyneApp.toml's.
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILD_NO := $(shell sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
SMOKE_PNG ?= smoke.png
SMOKE_CASES ?= 300
# Tests always run with a known locale (Fyne logs an error when LANG is unset).
TEST_ENV := LANG=C.UTF-8

.PHONY: all run build test vet fmt-check windows installer bench smoke screens icon clean \
	deps deps-build deps-test deps-windows

all: build

deps: deps-test

deps-build:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

deps-windows:
	@scripts/deps.sh windows

build: deps-build
	$(GO) build -tags "$(TAGS)" -o $(BIN) .

run: build
	./$(BIN)

# Starts a real Dovecot on loopback for the e-mail tests when run as root.
test: deps-test
	scripts/test.sh

vet:
	$(TEST_ENV) $(GO) vet -tags "$(TEST_TAGS)" ./...

fmt-check:
	@out=$$(find . -path ./.cache -prune -o -name '*.go' -print0 | xargs -0 -r gofmt -l); \
	if [[ -n "$$out" ]]; then echo "gofmt: fichiers à reformater (gofmt -w) :"; echo "$$out"; exit 1; fi

windows: deps-windows
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$(GO) build -tags "$(TAGS)" -ldflags -H=windowsgui -o $(EXE) .

# makensis runs from the script's folder: every path is given absolute.
installer: windows
	$(GO) run ./packaging/windows/mkico -in assets/icon.png -o $(ICO)
	makensis -V2 -DVERSION=$(VERSION) -DBUILD=$(BUILD_NO) \
		-DEXE=$(abspath $(EXE)) -DICON=$(abspath $(ICO)) \
		-DLICENCE=$(abspath assets/fonts/OFL.txt) -DOUTFILE=$(abspath $(SETUP)) \
		packaging/windows/amiable.nsi
	@echo "installer: $(SETUP) (Amiable $(VERSION))"

bench: deps-test
	$(TEST_ENV) $(GO) test -run '^$$' -bench . -benchmem -tags "$(TEST_TAGS)" ./... | tee bench.txt

# The demo database lives in a temporary folder removed afterwards.
smoke: build deps-test
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo "smoke: base de démonstration ($(SMOKE_CASES) dossiers) dans $$tmp"; \
	./$(BIN) -db "$$tmp/demo.db" demo -cases $(SMOKE_CASES) -seed 1; \
	xvfb-run -a -s "-screen 0 1280x800x24" scripts/smoke.sh "$$tmp/demo.db" $(SMOKE_PNG)

# Every screen under Xvfb at 1024×700 and 1366×768 on a demo database:
# fails when the window grows wider or taller than the screen; the
# 1366×768 shots go to docs/screens/ (SCREENS_COPY=0: check only).
SCREENS_COPY ?= 1
screens: build deps-test
	SCREENS_COPY=$(SCREENS_COPY) scripts/screens.sh ./$(BIN) docs/screens

# Redraws assets/icon.png from scripts/genicon.
icon:
	$(GO) run ./scripts/genicon -o assets/icon.png

clean:
	rm -rf bin $(SMOKE_PNG) bench.txt
