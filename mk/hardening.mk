# mk/hardening.mk - memory and undefined-behaviour checks.
#
#   make sanitize   the whole test suite against an ASan+UBSan build
#   make valgrind   the non-interactive paths under valgrind memcheck
#
# Each builds in a directory of its own under build/, so the normal build
# and ./crampguide are left alone.  docs/reliability.md has the details
# and the figures of the last run.

.PHONY: sanitize valgrind

# --- make sanitize -----------------------------------------------------------

SANITIZE_DIR   = build/sanitize
SANITIZE_LOGS  = $(CURDIR)/$(SANITIZE_DIR)/logs
SANITIZE_OPTS  = $(SANITIZE_DIR)/sanitizer-options.o
SANITIZE_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# The binary finds the bundled content next to itself, as ./crampguide
# does, through a link.  The run goes on after a failing test so that the
# reports of the whole suite are shown; any report fails the target.
sanitize:
	@scripts/deps check
	@rm -rf '$(SANITIZE_LOGS)' && mkdir -p '$(SANITIZE_LOGS)'
	$(CC) -O1 -g -DSANITIZE_LOG_DIR='"$(SANITIZE_LOGS)"' -c -o $(SANITIZE_OPTS) \
	    tests/hardening/sanitizer-options.c
	@ln -sfn ../../content $(SANITIZE_DIR)/content
	@status=0; \
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
