# FenzVideo. `make run` = all-in-one on embedded services with demo data (http://localhost:8080);
# `make test` = every test. Both need a JDK >= 21, Maven and Node 20.19+ (the web app in frontend/).
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

.PHONY: run test build bench clean check-tools check-node frontend frontend-test openapi-lint

check-tools:
	@test -n "$(JAVA_HOME)" || { echo "no JDK >= 21 found (see scripts/java-home.sh)"; exit 1; }
	@command -v $(MVN) >/dev/null || { echo "Maven is not on PATH: install it (e.g. 'apt-get install maven')"; exit 1; }

# The web app: npm ci from the lock file (again whenever the lock file changes), then vite build into
# frontend/dist, which `fenz dev` serves at / (FENZ_PUBLIC_DIR elsewhere).
check-node:
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js 20.19+ with npm is not on PATH: it builds the web app in frontend/ (https://nodejs.org, or your distribution's nodejs + npm)"; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)||(a===20&&b>=19)?0:1)' || { echo "Node $$(node -v) is too old for the web app: it needs 20.19+ or 22.12+"; exit 1; }

frontend/node_modules/.fenz-ci: frontend/package-lock.json | check-node
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend: check-node frontend/node_modules/.fenz-ci
	cd frontend && npm run build

# ESLint, vue-tsc, Vitest, then the browser flow against `fenz dev` started from the built jar.
frontend-test: frontend
	cd frontend && npm run check && npm run test:e2e

build: check-tools
	$(MVN) $(MVN_FLAGS) -q -DskipTests -pl fenz-cli -am install

run: check-node build frontend
	$(JAVA_HOME)/bin/java -jar $(FENZ_JAR) dev

test: check-tools check-node
	$(MVN) $(MVN_FLAGS) verify
	$(MAKE) openapi-lint
	$(MAKE) frontend-test

# The contract the app serves (written to fenz-http/target/openapi.json by SystemApiTest) against Redocly's
# recommended rules; tools/openapi-lint pins the linter.
openapi-lint:
	cd tools/openapi-lint && npm ci --no-audit --no-fund --loglevel=error \
	  && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx redocly lint --format=stylish ../../fenz-http/target/openapi.json

bench: build
	bash bench/run.sh

clean:
	$(MVN) $(MVN_FLAGS) -q clean
