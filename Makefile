# desk — build, test, install. See README.md.
PREFIX  ?= /usr/local
DESTDIR ?=
SWIFT   ?= swift
BINDIR   = $(DESTDIR)$(PREFIX)/bin
MANDIR   = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR  = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR   = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
# fish reads vendor completions where its pkg-config file says (Debian: /usr/share/fish/vendor_completions.d);
# $(PREFIX)/share/fish/vendor_completions.d only when XDG_DATA_DIRS has $(PREFIX)/share.
FISH_COMPLETIONS := $(shell pkg-config --variable completionsdir fish 2>/dev/null)
FISHDIR  = $(DESTDIR)$(if $(FISH_COMPLETIONS),$(FISH_COMPLETIONS),$(PREFIX)/share/fish/vendor_completions.d)
RELEASE  = .build/release/desk
DEBUG    = .build/debug/desk
# Debian packages desk needs to build and test (tmux drives the shell's terminal tests,
# mandoc checks the man pages, bash-completion and zsh run the completion tests for real, postfix is
# the real mail server of the mail tests: they start private instances of their own), and the
# benchmarks' peers.
APT_PACKAGES = libsqlite3-dev libedit-dev libgmime-3.0-dev libcurl4 sqlite3 tmux mandoc man-db pkg-config bash-completion zsh postfix
BENCH_PACKAGES = taskwarrior time

.PHONY: all deps build debug test stress bench run install uninstall clean docs format

all: build

# apt-install the packages of $(1) that are missing. postfix is preseeded to "No configuration": it
# installs without asking and writes no /etc/postfix/main.cf, so the machine's own postfix never starts.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "postfix postfix/main_mailer_type select No configuration" | $$SUDO debconf-set-selections; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(APT_PACKAGES))

# The release binary links the Swift runtime statically: it starts about twice as fast. libstdc++ (which
# the runtime and ICU use) is linked statically too: the loader then relocates one library less, 17%
# of `desk version` (bench/ANALYSIS.md). The linker takes libstdc++.a from STATIC_CXX, a directory
# searched before the compiler's own, which has libstdc++.so. The binary stays position-independent.
STATIC_CXX = $(CURDIR)/.build/static-c++
build: deps
	@mkdir -p $(STATIC_CXX); a="$$(clang -print-file-name=libstdc++.a 2>/dev/null)"; \
	  if [ -f "$$a" ]; then ln -sf "$$a" $(STATIC_CXX)/libstdc++.a; else rm -f $(STATIC_CXX)/libstdc++.a; fi
	$(SWIFT) build -c release --static-swift-stdlib --product desk -Xlinker -L$(STATIC_CXX)

debug: deps
	$(SWIFT) build --product desk

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The reliability suite at full length: 8 writers for 30 s, 10 random SIGKILLs of imports and
# broadcasts, 50,000 fuzz cases per parser. make test runs it short.
stress: deps
	$(SWIFT) build --build-tests
	DESK_STRESS_SECONDS=30 DESK_STRESS_KILLS=10 DESK_FUZZ_CASES=50000 $(SWIFT) test --skip-build --filter 'StressTests|FuzzTests'

# desk beside sqlite3 and taskwarrior on 1,000,000 tickets (BENCH_TICKETS=N for another size);
# writes bench/RESULTS.md. The first run generates the data (several minutes).
bench: build
	$(call apt_install,$(BENCH_PACKAGES))
	bash bench/run.sh

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
	@echo "fish completions: $(FISHDIR)/desk.fish$(if $(FISH_COMPLETIONS),, (pkg-config knows no fish: fish reads it only when XDG_DATA_DIRS has $(PREFIX)/share))"

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
	$(DEBUG) --experimental-dump-help > .build/desk-help.json
	python3 man-src/finish.py man .build/desk-help.json
	$(DEBUG) completion bash > completions/desk.bash
	$(DEBUG) completion zsh > completions/desk.zsh
	$(DEBUG) completion fish > completions/desk.fish

# One style: .swift-format at the root.
format:
	$(SWIFT) format --in-place --recursive Sources Tests
