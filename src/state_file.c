/* state_file.c - where the marks are kept, and saving them safely.
 *
 * Saving takes a lock, re-reads the file and applies this session's
 * journal to it, so two guides open at once merge instead of the last one
 * silently undoing the other's marks.  The lock is an fcntl() lock on a
 * separate PATH.lock (the state file itself is replaced by rename, so a
 * lock on it would be lost with the old inode); the kernel drops it when
 * the holder dies, so a guide killed mid-save blocks nobody.  A file that
 * cannot be read is moved aside, never written over. */
#include "state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "fileio.h"
#include "text.h"
#include "util.h"

/* How long a save waits for another guide's save before giving up; a save
 * holds the lock for milliseconds, so this only trips on a stuck process. */
#define LOCK_WAIT_MS 10000
/* Asides tried for one second before giving up (PATH.corrupt-...-2 etc.). */
#define ASIDE_TRIES 100

enum got { GOT_STATE, GOT_NOTHING, GOT_BAD };

/* Read path into st (left empty unless GOT_STATE); on GOT_BAD *why says why. */
static enum got read_state(struct state *st, const char *path, char **why)
{
	struct stat sb;
	char *buf;
	size_t len = 0;
	int fd, ok;

	state_init(st);
	*why = NULL;
	/* O_NONBLOCK: a FIFO in its place must not hang the guide. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return GOT_NOTHING;
		*why = xstrdup(strerror(errno));
		return GOT_BAD;
	}
	if (fstat(fd, &sb) != 0) {
		*why = xstrdup(strerror(errno));
		close(fd);
		return GOT_BAD;
	}
	if (!S_ISREG(sb.st_mode)) {
		*why = xstrdup(S_ISDIR(sb.st_mode) ? "it is a directory" : "it is not a regular file");
		close(fd);
		return GOT_BAD;
	}
	if ((unsigned long long)sb.st_size > STATE_MAX_BYTES) {
		*why = xasprintf("it is larger than %zu MiB", STATE_MAX_BYTES >> 20);
		close(fd);
		return GOT_BAD;
	}
	buf = fileio_read_fd(fd, (size_t)sb.st_size, STATE_MAX_BYTES, &len);
	if (!buf) {
		*why = xstrdup(strerror(errno));
		close(fd);
		return GOT_BAD;
	}
	close(fd);
	ok = state_parse(st, buf, len, why);
	free(buf);
	return ok ? GOT_STATE : GOT_BAD;
}

/* --- files and directories --------------------------------------------- */

/* mkdir -p with mode 0700 for what it creates; return 0 with *err set on failure. */
static int make_dirs(const char *dir, char **err)
{
	char *p = xstrdup(dir), *s = p;
	struct stat sb;

	for (;;) {
		while (*s == '/')
			s++;
		s = strchr(s, '/');
		if (s)
			*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			*err = xasprintf("cannot create the directory %s: %s", p, strerror(errno));
			free(p);
			return 0;
		}
		if (!s)
			break;
		*s++ = '/';
	}
	if (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		*err = xasprintf("%s is not a directory", p);
		free(p);
		return 0;
	}
	free(p);
	return 1;
}

/* Lock PATH.lock, waiting for another guide's save; return the descriptor
 * (closing it unlocks), or -1 with *err set. */
static int lock_take(const char *path, char **err)
{
	char *lpath = xasprintf("%s.lock", path);
	struct flock fl;
	int fd, waited = 0;

	fd = open(lpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = xasprintf("cannot open %s: %s", lpath, strerror(errno));
		free(lpath);
		return -1;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	/* Polled rather than F_SETLKW, so a stuck process cannot hang the
	 * guide for good. */
	while (fcntl(fd, F_SETLK, &fl) != 0) {
		struct timespec ms = { 0, 1000000 };

		if (errno != EACCES && errno != EAGAIN && errno != EINTR) {
			*err = xasprintf("cannot lock %s: %s", lpath, strerror(errno));
			break;
		}
		if (waited++ >= LOCK_WAIT_MS) {
			*err = xasprintf("another crampguide kept %s locked for %d seconds",
					 lpath, LOCK_WAIT_MS / 1000);
			break;
		}
		nanosleep(&ms, NULL);
	}
	free(lpath);
	if (*err) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Move path to PATH.corrupt-YYYYMMDD-HHMMSS (or ...-N when taken, never
 * replacing anything); return the new name, or NULL with *err set. */
static char *move_aside(const char *path, char **err)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	int i;

	if (!localtime_r(&now, &tm) || !strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm))
		snprintf(stamp, sizeof(stamp), "%lld", (long long)now);
	for (i = 1; i <= ASIDE_TRIES; i++) {
		char *aside = i == 1 ? xasprintf("%s.corrupt-%s", path, stamp)
				     : xasprintf("%s.corrupt-%s-%d", path, stamp, i);
		struct stat sb;

		/* link() fails rather than replace an existing name; rename()
		 * would not.  Directories cannot be linked: for those, look
		 * first (under our lock, so only a stranger could race us). */
		if (link(path, aside) == 0) {
			if (unlink(path) == 0)
				return aside;
			*err = xstrdup(strerror(errno));
			unlink(aside);
			free(aside);
			return NULL;
		}
		if (errno != EEXIST && lstat(aside, &sb) != 0 && errno == ENOENT) {
			if (rename(path, aside) == 0)
				return aside;
			*err = xstrdup(strerror(errno));
			free(aside);
			return NULL;
		}
		free(aside);
	}
	*err = xstrdup("too many files were already set aside this second");
	return NULL;
}

/* The file at path could not be read: why, and where it went (or why not). */
struct bad_file {
	char *why;
	char *aside;
	char *err;
};

static void bad_free(struct bad_file *b)
{
	free(b->why);
	free(b->aside);
	free(b->err);
}

/* A message for the user, made safe for any terminal. */
static char *sentence(char *s)
{
	char *t = text_sanitize(s, strlen(s), NULL);

	free(s);
	return t;
}

/* With the lock held: read path into st, or move it aside if it is
 * unreadable (st is then empty and *bad says what happened). */
static enum got read_or_set_aside(struct state *st, const char *path, struct bad_file *bad)
{
	enum got got = read_state(st, path, &bad->why);

	if (got == GOT_BAD) {
		bad->aside = move_aside(path, &bad->err);
		if (bad->aside) {
			char *dir = fileio_dir_of(path);

			fileio_sync_dir(dir);
			free(dir);
		}
	}
	return got;
}

int state_load(struct state *st, const char *path, char **warning)
{
	struct bad_file bad = { NULL, NULL, NULL };
	enum got got;
	int fd;

	*warning = NULL;
	/* Saves replace the file by rename, so an unlocked read sees a whole
	 * file; the lock is only needed to set a bad one aside safely. */
	got = read_state(st, path, &bad.why);
	if (got != GOT_BAD)
		return 1;
	free(bad.why);
	bad.why = NULL;
	fd = lock_take(path, &bad.err);
	if (fd >= 0) {
		got = read_or_set_aside(st, path, &bad);
		close(fd);
		if (got != GOT_BAD)
			return 1;
	} else {
		got = read_state(st, path, &bad.why);
		if (got != GOT_BAD) /* set right by another guide meanwhile */
			return 1;
	}
	if (bad.aside)
		*warning = sentence(xasprintf(
			"Your saved tips in %s could not be read (%s); they were moved to %s, and the guide starts fresh.",
			path, bad.why, bad.aside));
	else
		*warning = sentence(xasprintf(
			"Your saved tips in %s could not be read (%s) and could not be moved aside (%s); the guide starts fresh and will not save over them.",
			path, bad.why, bad.err));
	bad_free(&bad);
	return 0;
}

/* --- writing ----------------------------------------------------------- */

/* Remove temporary files a save killed midway left beside path.  Only
 * called with the lock held, and every save writes its temporary file
 * with the lock held, so any such file is stale.  The names are the ones
 * atomic_write() makes: PATH.tmpXXXXXX. */
static void remove_stale_temps(const char *path)
{
	char *dir = fileio_dir_of(path);
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		if (strlen(de->d_name) == blen + 4 + 6 && strncmp(de->d_name, base, blen) == 0 &&
		    strncmp(de->d_name + blen, ".tmp", 4) == 0) {
			char *p = xasprintf("%s/%s", dir, de->d_name);

			unlink(p);
			free(p);
		}
	}
	if (d)
		closedir(d);
	free(dir);
}

int state_save(struct state *st, const char *path, char **msg)
{
	struct bad_file bad = { NULL, NULL, NULL };
	struct state merged;
	char *dir = fileio_dir_of(path), *err = NULL, *buf = NULL;
	size_t len = 0;
	enum got got;
	int fd, ok = 0;

	*msg = NULL;
	state_init(&merged);
	/* No changes: nothing to write, and no directory made at quit. */
	if (!st->njournal) {
		free(dir);
		return 1;
	}
	if (!make_dirs(dir, &err) || (fd = lock_take(path, &err)) < 0)
		goto out;
	got = read_or_set_aside(&merged, path, &bad);
	if (got == GOT_BAD && !bad.aside) {
		close(fd);
		*msg = sentence(xasprintf(
			"Your tips were not saved: %s could not be read (%s) and could not be moved aside (%s), so it was left as it is.",
			path, bad.why, bad.err));
		goto out;
	}
	if (got == GOT_BAD)
		*msg = sentence(xasprintf(
			"Your saved tips in %s could not be read (%s); they were moved to %s, and your tips were saved afresh.",
			path, bad.why, bad.aside));
	/* When the file was bad, its bytes are safe aside: start again from
	 * all that this guide shows, not only from its changes. */
	state_merge(&merged, st, got == GOT_BAD);
	remove_stale_temps(path);
	buf = state_format(&merged, &len, &err);
	if (!buf || !atomic_write(path, buf, len, 0600, &err)) {
		close(fd);
		goto out;
	}
	close(fd);
	state_free(st);
	*st = merged;
	state_init(&merged);
	ok = 1;
out:
	if (err) {
		free(*msg);
		*msg = sentence(xasprintf("Your tips were not saved: %s.", err));
	}
	state_free(&merged);
	bad_free(&bad);
	free(err);
	free(buf);
	free(dir);
	return ok;
}

char *state_default_path(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	/* The XDG spec: a relative XDG_STATE_HOME is invalid and ignored. */
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/crampguide/tips.yaml", xdg);
	if (home && home[0] == '/')
		return xasprintf("%s/.local/state/crampguide/tips.yaml", home);
	return NULL;
}
