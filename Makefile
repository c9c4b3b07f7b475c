# desk — build, test, install. See README.md.
PREFIX  ?= /usr/local
DESTDIR ?=
SWIFT   ?= swift
BINDIR   = $(DESTDIR)$(PREFIX)/bin
MANDIR   = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR  = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR   = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR  = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
RELEASE  = .build/release/desk
DEBUG    = .build/debug/desk
# Debian packages desk needs to build and test (tmux drives the shell's terminal tests).
APT_PACKAGES = libsqlite3-dev libedit-dev libcurl4 sqlite3 tmux

.PHONY: all deps build debug test run install uninstall clean docs format

all: build

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# The release binary links the Swift runtime statically: it starts about twice as fast.
build: deps
	$(SWIFT) build -c release --static-swift-stdlib --product desk

debug: deps
	$(SWIFT) build --product desk

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# make run ARGS="ticket list"   (no ARGS: desk with no arguments)
run: build
	@$(RELEASE) $(ARGS)

install: build
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 0755 $(RELEASE) $(BINDIR)/desk
	install -m 0644 man/*.1 $(MANDIR)/
	install -m 0644 completions/desk.bash $(BASHDIR)/desk
	install -m 0644 completions/desk.zsh $(ZSHDIR)/_desk
	install -m 0644 completions/desk.fish $(FISHDIR)/desk.fish

uninstall:
	rm -f $(BINDIR)/desk $(BASHDIR)/desk $(ZSHDIR)/_desk $(FISHDIR)/desk.fish
	for f in man/*.1; do rm -f $(MANDIR)/$$(basename $$f); done

clean:
	rm -rf .build

# Regenerate the man pages and shell completions from the command tree (commit the result).
docs: deps
	$(SWIFT) build --product desk
	rm -rf man && mkdir -p man completions
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --multi-page \
	  --date 2026-11-24 --authors "the desk maintainers" --output-directory man
	rm -f man/desk.help.1
	$(DEBUG) --generate-completion-script bash > completions/desk.bash
	$(DEBUG) --generate-completion-script zsh > completions/desk.zsh
	$(DEBUG) --generate-completion-script fish > completions/desk.fish

# One style: .swift-format at the root.
format:
	$(SWIFT) format --in-place --recursive Sources Tests
