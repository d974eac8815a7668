# RuvSwarm: the two commands that do everything on a fresh Debian machine with the Swift toolchain.
#   make demo   the main job
#   make test   every test of every package, notebooks included, then line coverage per package
# Both install missing Debian packages themselves (scripts/install-deps.sh).
SHELL := /bin/bash

# Packages tested by `make test`, in dependency order ("." is the umbrella package and its cross-domain tests).
PACKAGES ?= Notebook SIMDKit Neural Core Persistence Forecasting Bundler CLI .
# Domain packages held to the coverage bar.
DOMAINS ?= Notebook SIMDKit Neural Core Persistence Forecasting Bundler CLI
COVERAGE_BAR ?= 95
export PACKAGES DOMAINS COVERAGE_BAR

.PHONY: all deps test demo bench bench-forecast clean

all: test

deps:
	@scripts/install-deps.sh core wasm fann browsers

test: deps
	@scripts/test-all.sh

demo: deps
	@scripts/demo.sh

bench: deps
	@scripts/bench.sh

# Forecasting on the M3 competition against statsforecast (a local Python venv; minutes).
bench-forecast: deps
	@scripts/bench-forecast.sh

clean:
	rm -rf .build* */.build* dist
