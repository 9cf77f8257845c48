/* paths.h - finding the content directory without being told, and file
 * names as people type them. */
#ifndef CRAMPGUIDE_PATHS_H
#define CRAMPGUIDE_PATHS_H

/* The content directory to use: `option` (--content) if given, else $CRAMPGUIDE_CONTENT, else content/ beside the executable, else ../share/crampguide/content beside it, else the installed data directory; a new string, or NULL when none exists (then *tried gets a new string listing the places looked at). */
char *paths_content_dir(const char *option, const char *argv0, char **tried);

/* The man page beside the executable when it runs from the source tree (docs/crampguide.1 there), as a new string for `man -l`; NULL otherwise, when `man crampguide` finds the installed one. */
char *paths_source_man_page(const char *argv0);

/* `name` with a leading "~/" (or a lone "~") replaced by $HOME, as a shell would; a new string, or NULL when it starts with "~" and $HOME is not set to an absolute path. */
char *paths_expand_home(const char *name);

#endif
