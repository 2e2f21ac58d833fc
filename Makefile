# FenzVideo. `make run` = all-in-one on embedded services with demo data (http://localhost:8080);
# `make test` = every test. Both need only a JDK >= 21 and Maven (Node once the SPA lands).
SHELL := /bin/bash
JAVA_HOME := $(shell scripts/java-home.sh)
export JAVA_HOME
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
FENZ_JAR := fenz-cli/target/fenz.jar
# Maven's own libraries still use sun.misc.Unsafe; JDK 24+ warns about it at every build unless allowed.
ifeq ($(shell v=$$($(JAVA_HOME)/bin/java -XshowSettings:properties -version 2>&1 | awk '/java.specification.version/ {print $$3}'); [ "$${v:-0}" -ge 24 ] && echo y),y)
export MAVEN_OPTS += --sun-misc-unsafe-memory-access=allow
endif

.PHONY: run test build bench clean check-tools openapi-lint

check-tools:
	@test -n "$(JAVA_HOME)" || { echo "no JDK >= 21 found (see scripts/java-home.sh)"; exit 1; }
	@command -v $(MVN) >/dev/null || { echo "Maven is not on PATH: install it (e.g. 'apt-get install maven')"; exit 1; }

build: check-tools
	$(MVN) $(MVN_FLAGS) -q -DskipTests -pl fenz-cli -am install

run: build
	$(JAVA_HOME)/bin/java -jar $(FENZ_JAR) dev

test: check-tools
	$(MVN) $(MVN_FLAGS) verify
	$(MAKE) openapi-lint

# The contract the app serves (written to fenz-http/target/openapi.json by SystemApiTest) against Redocly's
# recommended rules; tools/openapi-lint pins the linter.
openapi-lint:
	cd tools/openapi-lint && npm ci --no-audit --no-fund --loglevel=error \
	  && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx redocly lint --format=stylish ../../fenz-http/target/openapi.json

bench: build
	bash bench/run.sh

clean:
	$(MVN) $(MVN_FLAGS) -q clean
