# mk/hardening.mk - memory and undefined-behaviour checks, and fuzzing.
#
#   make sanitize   the whole test suite against an ASan+UBSan build
#   make valgrind   the non-interactive paths under valgrind memcheck
#   make fuzz       each libFuzzer target for FUZZ_SECONDS (default 600)
#
# Each builds in a directory of its own under build/, so the normal build
# and ./crampguide are left alone.  docs/reliability.md has the details
# and the figures of the last run.

.PHONY: sanitize valgrind fuzz fuzz-build

# --- make sanitize -----------------------------------------------------------

SANITIZE_DIR   = build/sanitize
SANITIZE_LOGS  = $(CURDIR)/$(SANITIZE_DIR)/logs
SANITIZE_OPTS  = $(SANITIZE_DIR)/sanitizer-options.o
SANITIZE_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# The binary finds the bundled content next to itself, as ./crampguide
# does, through a link.  The instrumented build runs several times slower,
# so the tmux tests' deadline for one wait is raised from 10 seconds (a
# wait that matches returns at once).  The run goes on after a failing
# test so that the reports of the whole suite are shown; any report fails
# the target.
SANITIZE_TMUX_TIMEOUT ?= 60

sanitize:
	@scripts/deps check
	@rm -rf '$(SANITIZE_LOGS)' && mkdir -p '$(SANITIZE_LOGS)'
	$(CC) -O1 -g -DSANITIZE_LOG_DIR='"$(SANITIZE_LOGS)"' -c -o $(SANITIZE_OPTS) \
	    tests/hardening/sanitizer-options.c
	@ln -sfn ../../content $(SANITIZE_DIR)/content
	@status=0; \
	TMUX_TEST_TIMEOUT=$(SANITIZE_TMUX_TIMEOUT) \
	$(MAKE) --no-print-directory BUILD=$(SANITIZE_DIR) BIN=$(SANITIZE_DIR)/crampguide \
	    CFLAGS='-O1 -g $(SANITIZE_FLAGS)' \
	    LDFLAGS='$(SANITIZE_FLAGS) $(CURDIR)/$(SANITIZE_OPTS)' check || status=$$?; \
	tests/hardening/sanitizer-logs '$(SANITIZE_LOGS)' || status=1; \
	exit $$status

# --- make valgrind -----------------------------------------------------------

# The normal build: valgrind needs no instrumentation.
valgrind: $(BIN)
	@scripts/deps valgrind
	@tests/hardening/valgrind '$(abspath $(BIN))'

# --- make fuzz ---------------------------------------------------------------

FUZZ_SECONDS  ?= 600
FUZZ_CC       ?= clang
FUZZ_DIR       = build/fuzz
FUZZ_TARGETS   = load text marks
FUZZ_BINS      = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_LIB_OBJS  = $(filter-out $(FUZZ_DIR)/main.o,$(SRCS:src/%.c=$(FUZZ_DIR)/%.o))
FUZZ_SANITIZE  = address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS    = -O1 -g -fsanitize=fuzzer-no-link,$(FUZZ_SANITIZE)

# The library objects come from the Makefile's own rules, built with clang
# into build/fuzz; a recursive make keeps one set of compile flags.
$(FUZZ_DIR)/lib.stamp: $(SRCS) $(wildcard src/*.h) Makefile mk/hardening.mk
	@scripts/deps fuzz
	$(MAKE) --no-print-directory BUILD=$(FUZZ_DIR) BIN=$(FUZZ_DIR)/crampguide CC=$(FUZZ_CC) \
	    CFLAGS='$(FUZZ_CFLAGS)' $(FUZZ_LIB_OBJS)
	@touch $@

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DIR)/lib.stamp
	$(FUZZ_CC) $(WARN) $(FEATURES) -Isrc $(PKG_CFLAGS) -O1 -g \
	    -fsanitize=fuzzer,$(FUZZ_SANITIZE) -o $@ $< $(FUZZ_LIB_OBJS) $(PKG_LIBS)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@tests/fuzz/run '$(FUZZ_DIR)' '$(FUZZ_SECONDS)' $(FUZZ_TARGETS)
