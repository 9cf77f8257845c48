# crampguide - a leg cramp self-help guide for the terminal.
# `make` builds ./crampguide, `make run` starts it, `make check` runs every test.
# Missing libraries and test tools are installed by scripts/deps (see README.md).

# The release, written here only: --version, the man page's header, the
# tarball's name and the Debian package take it from these two lines
# (NEWS.md says what each version brought).
VERSION      = 0.1.0
RELEASE_DATE = 2026-12-03
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR     = $(PREFIX)/bin
DATADIR    = $(PREFIX)/share/crampguide
MANDIR     = $(PREFIX)/share/man/man1

CC        ?= cc
CFLAGS    ?= -O2 -g
LDFLAGS   ?=
PKG_CONFIG ?= pkg-config
PKGS       = ncursesw yaml-0.1
# Where objects, test binaries and the program go; `make sanitize` builds
# into a directory of its own by setting these.
BUILD      = build
BIN        = crampguide

# One set of feature macros for every file, instead of pkg-config's, so that
# no translation unit sees two different _XOPEN_SOURCE values.
FEATURES   = -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED
WARN       = -std=c11 -Wall -Wextra -Wpedantic
ALL_CFLAGS = $(WARN) $(FEATURES) -Isrc $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)

SRCS       = $(sort $(wildcard src/*.c))
OBJS       = $(SRCS:src/%.c=$(BUILD)/%.o)
LIB_OBJS   = $(filter-out $(BUILD)/main.o,$(OBJS))
UNIT_SRCS  = $(sort $(wildcard tests/unit/test_*.c))
UNIT_TESTS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
SCRIPT_TESTS = $(sort $(wildcard tests/*.t))

# pkg-config's flags are found once and cached; making the cache first runs
# scripts/deps, which installs the -dev packages on a fresh Debian machine.
NO_CONFIG_GOALS = clean uninstall distclean dist distcheck deb
ifeq ($(filter $(NO_CONFIG_GOALS),$(MAKECMDGOALS)),)
-include $(BUILD)/config.mk
endif

.PHONY: all run check tests golden install uninstall clean distclean FORCE

all: $(BIN) $(BUILD)/crampguide.1

$(BUILD)/config.mk: scripts/deps
	@mkdir -p $(BUILD)
	@scripts/deps $(if $(filter check,$(MAKECMDGOALS)),check,build)
	@{ echo "PKG_CFLAGS = $$($(PKG_CONFIG) --cflags $(PKGS) | tr ' ' '\n' | grep -v '^-D' | tr '\n' ' ')"; \
	   echo "PKG_LIBS = $$($(PKG_CONFIG) --libs $(PKGS))"; } > $@.tmp && mv $@.tmp $@

# The installed data directory is compiled in; the stamp changes only when
# PREFIX does, so `make install PREFIX=...` rebuilds exactly what it must.
$(BUILD)/datadir.stamp: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@

$(BIN): $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/paths.o: $(BUILD)/datadir.stamp
$(BUILD)/paths.o: CPPFLAGS += -DCRAMPGUIDE_DATADIR='"$(DATADIR)"'
$(BUILD)/main.o: CPPFLAGS += -DCRAMPGUIDE_VERSION='"$(VERSION)"'
$(BUILD)/main.o: $(BUILD)/version.stamp

# The stamp changes only when the release does, so main.o is rebuilt then.
$(BUILD)/version.stamp: FORCE
	@mkdir -p $(BUILD)
	@echo '$(VERSION) $(RELEASE_DATE)' | cmp -s - $@ || echo '$(VERSION) $(RELEASE_DATE)' > $@

# The installed man page: docs/crampguide.1 with the release in its header.
$(BUILD)/crampguide.1: docs/crampguide.1 $(BUILD)/version.stamp
	sed '1s/^\.TH CRAMPGUIDE 1 .*/.TH CRAMPGUIDE 1 $(RELEASE_DATE) "crampguide $(VERSION)" "User Commands"/' \
	    docs/crampguide.1 > $@.tmp && mv $@.tmp $@

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -MMD -MP -o $@ $< $(LIB_OBJS) $(LDFLAGS) $(PKG_LIBS) $$($(PKG_CONFIG) --libs cmocka)

tests: $(BIN) $(UNIT_TESTS)

run: $(BIN)
	'$(abspath $(BIN))'

# Every test speaks TAP; prove runs unit-test binaries and scripts alike and
# ends with one summary.  The environment is pinned so results do not depend
# on the caller's terminal or locale.
check:
	@scripts/deps check
	@$(MAKE) --no-print-directory tests
	@# The bundled content meets every check, warnings included; the
	@# summary line gives the guide's reading grade.
	@env -u CRAMPGUIDE_CONTENT LC_ALL=C.UTF-8 TZ=UTC ./$(BIN) --check --strict --content content
	@env -u CRAMPGUIDE_CONTENT -u COLUMNS -u LINES LC_ALL=C.UTF-8 TZ=UTC \
	    CRAMPGUIDE='$(abspath $(BIN))' TOP='$(CURDIR)' BUILD='$(abspath $(BUILD))' \
	    MAKE='$(MAKE)' CC='$(CC)' \
	    prove --exec '' $(UNIT_TESTS) $(SCRIPT_TESTS)

# Rewrite the golden plain guide and tip sheets after a deliberate content change; review
# the diff before committing it.
golden: crampguide
	env -u COLUMNS LC_ALL=C.UTF-8 ./crampguide --plain --content content > tests/golden/plain.txt
	for m in default some all; do \
	    state=$$(mktemp -d) && mkdir -p $$state/crampguide && \
	    { [ $$m = default ] || cp tests/tips/$$m.yaml $$state/crampguide/tips.yaml; } && \
	    for f in $$(scripts/formats); do \
	        env SOURCE_DATE_EPOCH=1767312000 HOME=/nonexistent XDG_STATE_HOME=$$state LC_ALL=C.UTF-8 \
	            ./crampguide --tips --format $${f%%:*} --content content \
	            > tests/golden/tips-$$m.$${f#*:} || exit 1; \
	    done; rm -rf $$state; \
	done
	cp tests/golden/tips-default.txt docs/sample-tip-sheet.txt

install: $(BIN) $(BUILD)/crampguide.1
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(DATADIR)/content' '$(DESTDIR)$(MANDIR)'
	install -m 755 '$(BIN)' '$(DESTDIR)$(BINDIR)/crampguide'
	install -m 644 content/*.yaml '$(DESTDIR)$(DATADIR)/content/'
	install -m 644 $(BUILD)/crampguide.1 '$(DESTDIR)$(MANDIR)/crampguide.1'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/crampguide' '$(DESTDIR)$(MANDIR)/crampguide.1'
	rm -f '$(DESTDIR)$(DATADIR)'/content/*.yaml
	rmdir '$(DESTDIR)$(DATADIR)/content' '$(DESTDIR)$(DATADIR)' 2>/dev/null || true

clean:
	rm -rf build crampguide

distclean: clean

# Larger tool-driven targets (sanitizers, fuzzing, benchmarks) live in mk/,
# one file per concern.
include $(sort $(wildcard mk/*.mk))

-include $(OBJS:.o=.d) $(UNIT_TESTS:=.d)
