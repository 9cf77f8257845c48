# mk/release.mk - a release, from the VERSION and RELEASE_DATE of the Makefile.
#
#   make dist       crampguide-VERSION.tar.gz, the same bytes on every run
#                   (scripts/dist; SOURCE_DATE_EPOCH, else the last commit,
#                   sets every time in it)
#   make distcheck  that tarball unpacked, built, tested with make check,
#                   installed into a staged DESTDIR and uninstalled
#                   (scripts/distcheck)
#   make deb        a Debian package built from that tarball, with the
#                   packaging in packaging/debian/, into the top directory:
#                   crampguide_VERSION-REVISION_ARCH.deb (and its -dbgsym),
#                   .changes and .buildinfo

DIST_NAME    = crampguide-$(VERSION)
DIST_TARBALL = $(DIST_NAME).tar.gz
DEB_DIR      = build/deb
DEB_REVISION = 1

.PHONY: dist distcheck deb

dist:
	@scripts/dist $(DIST_NAME)

distcheck: dist
	@MAKE='$(MAKE)' scripts/distcheck $(DIST_TARBALL)

# debian/changelog is written here from VERSION and RELEASE_DATE rather
# than kept in git, so that the release stays written in one place.
deb: dist
	@scripts/deps deb
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)
	tar -xzf $(DIST_TARBALL) -C $(DEB_DIR)
	cp -R packaging/debian $(DEB_DIR)/$(DIST_NAME)/debian
	{ echo 'crampguide ($(VERSION)-$(DEB_REVISION)) unstable; urgency=medium'; \
	  echo; \
	  echo '  * Release $(VERSION); NEWS.md says what it brings.'; \
	  echo; \
	  echo " -- $$(sed -n 's/^Maintainer: //p' packaging/debian/control)  $$(LC_ALL=C date -u -R -d '$(RELEASE_DATE) 12:00')"; \
	} > $(DEB_DIR)/$(DIST_NAME)/debian/changelog
	cd $(DEB_DIR)/$(DIST_NAME) && dpkg-buildpackage -us -uc -b
	rm -f crampguide_*.deb crampguide-dbgsym_*.deb crampguide_*.changes crampguide_*.buildinfo
	cp $(DEB_DIR)/crampguide*_$(VERSION)-$(DEB_REVISION)_*.deb \
	   $(DEB_DIR)/crampguide_$(VERSION)-$(DEB_REVISION)_*.changes \
	   $(DEB_DIR)/crampguide_$(VERSION)-$(DEB_REVISION)_*.buildinfo .
	@ls crampguide_$(VERSION)-$(DEB_REVISION)_*

distclean:
	rm -f crampguide-*.tar.gz crampguide_*.deb crampguide-dbgsym_*.deb crampguide_*.changes \
	    crampguide_*.buildinfo
