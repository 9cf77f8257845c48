# mk/completion.mk - shell completion for bash and zsh.
#
# completion/crampguide.bash and completion/crampguide.zsh are built into
# build/completion/ with the tip sheet's formats filled in from the table
# in src/tips.h (scripts/formats), so a new format completes without an edit
# here.  `make install` and `make uninstall` take these files along.

# Where each shell looks.  bash-completion says where its completions go;
# its datadir is moved under PREFIX so that `make install PREFIX=~/.local`
# stays under that prefix.  zsh looks in PREFIX/share/zsh/site-functions
# for its own prefix (Debian's package uses vendor-completions instead).
BASHCOMPDIR ?= $(or $(shell $(PKG_CONFIG) --define-variable=datadir='$(PREFIX)/share' \
		   --variable=completionsdir bash-completion 2>/dev/null),$(PREFIX)/share/bash-completion/completions)
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions

COMPLETIONS = $(BUILD)/completion/crampguide $(BUILD)/completion/_crampguide

.PHONY: completion install-completion uninstall-completion

all: completion
tests: completion
completion: $(COMPLETIONS)
install: install-completion
uninstall: uninstall-completion

$(BUILD)/completion/crampguide: completion/crampguide.bash src/tips.h scripts/formats
$(BUILD)/completion/_crampguide: completion/crampguide.zsh src/tips.h scripts/formats
$(COMPLETIONS):
	@mkdir -p $(BUILD)/completion
	formats=$$(scripts/formats | sed 's/:.*//' | tr '\n' ' ' | sed 's/ $$//') && \
	    [ -n "$$formats" ] && sed "/^#/!s/@FORMATS@/$$formats/" $< > $@.tmp && mv $@.tmp $@

install-completion: $(COMPLETIONS)
	install -d '$(DESTDIR)$(BASHCOMPDIR)' '$(DESTDIR)$(ZSHCOMPDIR)'
	install -m 644 $(BUILD)/completion/crampguide '$(DESTDIR)$(BASHCOMPDIR)/crampguide'
	install -m 644 $(BUILD)/completion/_crampguide '$(DESTDIR)$(ZSHCOMPDIR)/_crampguide'

uninstall-completion:
	rm -f '$(DESTDIR)$(BASHCOMPDIR)/crampguide' '$(DESTDIR)$(ZSHCOMPDIR)/_crampguide'
