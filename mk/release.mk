# mk/release.mk - a release, from the VERSION and RELEASE_DATE of the Makefile.
#
#   make dist       crampguide-VERSION.tar.gz, the same bytes on every run
#                   (scripts/dist; SOURCE_DATE_EPOCH, else the last commit,
#                   sets every time in it)
#   make distcheck  that tarball unpacked, built, tested with make check,
#                   installed into a staged DESTDIR and uninstalled
#                   (scripts/distcheck)

DIST_NAME    = crampguide-$(VERSION)
DIST_TARBALL = $(DIST_NAME).tar.gz

.PHONY: dist distcheck

dist:
	@scripts/dist $(DIST_NAME)

distcheck: dist
	@MAKE='$(MAKE)' scripts/distcheck $(DIST_TARBALL)

distclean:
	rm -f crampguide-*.tar.gz
