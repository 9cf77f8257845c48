# mk/bench.mk - `make bench`: crampguide measured beside its floors.
#
# The tools in tests/bench/ are built into build/bench/, and the generated
# guides are made there once (again only when the generator changes).
# tests/bench/run does the measuring and prints the table; the figures and
# goals are explained in docs/performance.md.

BENCH_DIR     = build/bench
BENCH_TOOLS   = $(BENCH_DIR)/measure $(BENCH_DIR)/yaml-floor $(BENCH_DIR)/noop \
		$(BENCH_DIR)/search-time
BENCH_CONTENT = $(BENCH_DIR)/content-1000 $(BENCH_DIR)/content-10000 \
		$(BENCH_DIR)/content-20000 $(BENCH_DIR)/one-file-1500
# The adversarial shapes of tests/bench/gen-hostile, each at 1x, 4x and 16x.
BENCH_SHAPES  = cited broken links heavy
BENCH_HOSTILE = $(foreach s,$(BENCH_SHAPES),$(foreach n,1 4 16,$(BENCH_DIR)/hostile-$(s)-$(n)))

.PHONY: bench bench-tools

bench-tools: crampguide $(BENCH_TOOLS)

bench: bench-tools $(BENCH_CONTENT) $(BENCH_HOSTILE)
	@scripts/deps bench
	@env -u CRAMPGUIDE_CONTENT -u COLUMNS -u LINES LC_ALL=C.UTF-8 TZ=UTC \
	    CRAMPGUIDE='$(CURDIR)/crampguide' TOP='$(CURDIR)' BENCH_DIR='$(CURDIR)/$(BENCH_DIR)' \
	    tests/bench/run

$(BENCH_DIR)/measure: tests/bench/measure.c
	@mkdir -p $(BENCH_DIR)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# The floors link exactly what they stand for: libyaml alone for loading,
# both libraries for starting a program.
$(BENCH_DIR)/yaml-floor: tests/bench/yaml-floor.c
	@mkdir -p $(BENCH_DIR)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $$($(PKG_CONFIG) --libs yaml-0.1)

$(BENCH_DIR)/noop: tests/bench/noop.c
	@mkdir -p $(BENCH_DIR)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)

$(BENCH_DIR)/search-time: tests/bench/search-time.c $(LIB_OBJS)
	@mkdir -p $(BENCH_DIR)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(PKG_LIBS)

# A directory is made under a temporary name and renamed when complete, so
# an interrupted run never leaves half a guide that looks finished.
$(BENCH_DIR)/content-%: tests/bench/gen-content
	@mkdir -p $(BENCH_DIR)
	@rm -rf $@ $@.tmp
	tests/bench/gen-content $* $@.tmp
	@mv $@.tmp $@

$(BENCH_DIR)/one-file-%: tests/bench/gen-content
	@mkdir -p $(BENCH_DIR)
	@rm -rf $@ $@.tmp
	tests/bench/gen-content --one-file $* $@.tmp
	@mv $@.tmp $@

# hostile-SHAPE-N: gen-hostile SHAPE N.
$(BENCH_DIR)/hostile-%: tests/bench/gen-hostile
	@mkdir -p $(BENCH_DIR)
	@rm -rf $@ $@.tmp
	@s='$*'; tests/bench/gen-hostile $${s%-*} $${s##*-} $@.tmp
	@mv $@.tmp $@
