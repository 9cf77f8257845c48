/* paths.c - content discovery: explicit choices first, then the places a
 * source tree, a relocated install and a normal install put it. */
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#ifndef CRAMPGUIDE_DATADIR
#define CRAMPGUIDE_DATADIR "/usr/local/share/crampguide"
#endif

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory holding the running executable, or NULL.  /proc gives the
 * real file even when started through $PATH or a symlink; argv[0] is the
 * fallback where /proc is missing. */
static char *exe_dir(const char *argv0)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n > 0) {
		buf[n] = '\0';
	} else if (argv0 && strchr(argv0, '/') && realpath(argv0, buf)) {
		/* buf holds the resolved path */
	} else {
		return NULL;
	}
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(buf[0] ? buf : "/");
}

static void note(char **tried, const char *path)
{
	char *s = *tried ? xasprintf("%s, %s", *tried, path) : xstrdup(path);

	free(*tried);
	*tried = s;
}

/* A directory was found: the places looked at before it are only for the
 * message when none is, and the caller owns nothing in *tried then. */
static char *found(char *dir, char **tried)
{
	free(*tried);
	*tried = NULL;
	return dir;
}

char *paths_source_man_page(const char *argv0)
{
	char *dir = exe_dir(argv0), *page;
	struct stat st;

	if (!dir)
		return NULL;
	page = xasprintf("%s/docs/crampguide.1", dir);
	free(dir);
	if (stat(page, &st) == 0 && S_ISREG(st.st_mode))
		return page;
	free(page);
	return NULL;
}

char *paths_content_dir(const char *option, const char *argv0, char **tried)
{
	const char *env = getenv("CRAMPGUIDE_CONTENT");
	char *dir, *cand;

	*tried = NULL;
	/* An explicit choice is used as given, even if it is wrong, so that
	 * the error names what the user asked for. */
	if (option)
		return xstrdup(option);
	if (env && *env)
		return xstrdup(env);
	dir = exe_dir(argv0);
	if (dir) {
		cand = xasprintf("%s/content", dir);
		if (is_dir(cand)) {
			free(dir);
			return cand;
		}
		note(tried, cand);
		free(cand);
		cand = xasprintf("%s/../share/crampguide/content", dir);
		free(dir);
		if (is_dir(cand))
			return found(cand, tried);
		note(tried, cand);
		free(cand);
	}
	cand = xstrdup(CRAMPGUIDE_DATADIR "/content");
	if (is_dir(cand))
		return found(cand, tried);
	note(tried, cand);
	free(cand);
	return NULL;
}

char *paths_expand_home(const char *name)
{
	const char *home = getenv("HOME");

	if (name[0] != '~' || (name[1] != '\0' && name[1] != '/'))
		return xstrdup(name);
	if (!home || home[0] != '/')
		return NULL;
	if (!name[1])
		return xstrdup(home);
	/* "/" as HOME would give "//x": harmless, but keep it tidy. */
	return xasprintf("%s%s", strcmp(home, "/") == 0 ? "" : home, name + 1);
}
