# FenzVideo. `make run` = all-in-one on embedded services with demo data (http://localhost:8080);
# `make test` = every test. Both need only a JDK >= 21 and Maven (Node once the SPA lands).
SHELL := /bin/bash
JAVA_HOME := $(shell scripts/java-home.sh)
export JAVA_HOME
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
FENZ_JAR := fenz-cli/target/fenz.jar

.PHONY: run test build bench clean check-tools

check-tools:
	@test -n "$(JAVA_HOME)" || { echo "no JDK >= 21 found (see scripts/java-home.sh)"; exit 1; }
	@command -v $(MVN) >/dev/null || { echo "Maven is not on PATH: install it (e.g. 'apt-get install maven')"; exit 1; }

build: check-tools
	$(MVN) $(MVN_FLAGS) -q -DskipTests -pl fenz-cli -am install

run: build
	$(JAVA_HOME)/bin/java -jar $(FENZ_JAR) dev

test: check-tools
	$(MVN) $(MVN_FLAGS) verify

bench: build
	bash bench/run.sh

clean:
	$(MVN) $(MVN_FLAGS) -q clean
