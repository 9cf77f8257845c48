/* store.c - lock, re-read, apply one change, replace atomically.
 *
 * The lock is flock() on a separate PATH.lock: the file itself is replaced
 * by rename, so a lock on it would go with the old inode.  The kernel drops
 * the lock when its holder dies, so a guide killed midway blocks nobody. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "util.h"

/* How long a change waits for another guide's: one holds the lock for
 * about a millisecond, so this only trips on a stopped or stuck process,
 * and the person must not wait on that (the caller tries again later). */
#define LOCK_WAIT_MS 200

/* A message part for the person: file names can hold anything. */
static char *clean(char *s)
{
	char *t = diag_one_line(s, strlen(s));

	free(s);
	return t;
}

/* The file's bytes, or an empty buffer when there is none; *why says what
 * keeps them from being read (about the whole file). */
static enum store_result slurp(const char *path, char **buf, size_t *len, mode_t *mode, char **why)
{
	/* O_NONBLOCK: a FIFO in the file's place must not hang the guide. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;

	*buf = NULL;
	*len = 0;
	*why = NULL;
	if (fd < 0) {
		if (errno != ENOENT && errno != ENOTDIR) {
			*why = xasprintf("cannot open it: %s", strerror(errno));
			return STORE_UNREADABLE;
		}
		*buf = xstrdup("");
		return STORE_OK;
	}
	if (fstat(fd, &sb) != 0)
		*why = xasprintf("cannot read it: %s", strerror(errno));
	else if (!S_ISREG(sb.st_mode))
		*why = xstrdup(S_ISDIR(sb.st_mode) ? "it is a directory, not a file"
						   : "it is not a regular file");
	else if ((unsigned long long)sb.st_size > STORE_MAX_BYTES)
		*why = xasprintf("it is over the limit of %zu MiB", STORE_MAX_BYTES >> 20);
	else if (!(*buf = fileio_read_fd(fd, (size_t)sb.st_size, STORE_MAX_BYTES, len)))
		*why = xasprintf("cannot read it: %s", strerror(errno));
	else if (*len > STORE_MAX_BYTES) /* grew since fstat() */
		*why = xasprintf("it is over the limit of %zu MiB", STORE_MAX_BYTES >> 20);
	else if (mode)
		*mode = sb.st_mode & 0777;
	close(fd);
	if (*why) {
		free(*buf);
		*buf = NULL;
		return STORE_UNREADABLE;
	}
	return STORE_OK;
}

/* Read the file and hand it to fn; when it cannot be read, *msg says where. */
static enum store_result take(const char *path, store_fn *fn, void *ctx, char **out,
			      size_t *outlen, mode_t *mode, char **msg)
{
	struct diag d = { NULL, 0, 0 };
	char *buf, *why;
	size_t len;
	enum store_result r = slurp(path, &buf, &len, mode, &why);

	if (r == STORE_OK && !fn(ctx, path, buf, len, &d, out, outlen))
		r = STORE_UNREADABLE;
	if (r == STORE_UNREADABLE && why)
		*msg = clean(xasprintf("%s: %s", path, why));
	else if (r == STORE_UNREADABLE && !(*msg = diag_first(&d)))
		*msg = clean(xasprintf("%s: it cannot be read", path));
	free(buf);
	free(why);
	diag_free(&d);
	return r;
}

enum store_result store_read(const char *path, store_fn *fn, void *ctx, char **msg)
{
	*msg = NULL;
	return take(path, fn, ctx, NULL, NULL, NULL, msg);
}

/* mkdir -p, new directories 0700 (the person's data is theirs alone). */
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
			break;
		}
		if (!s)
			break;
		*s++ = '/';
	}
	if (!*err && (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode)))
		*err = xasprintf("%s is not a directory", p);
	free(p);
	return !*err;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Lock PATH.lock; return its descriptor (closing it unlocks), or -1 (with
 * *busy set when another process holds it). */
static int lock_take(const char *path, char **err, int *busy)
{
	char *lpath = xasprintf("%s.lock", path);
	/* O_NOFOLLOW: a link in its place must not make or open a file
	 * elsewhere; read-only, as flock() needs no more, so that on a
	 * read-only file system the error is the write's own. */
	int fd = open(lpath, O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
	long waited = 0, pause = 1;

	if (fd < 0)
		*err = xasprintf("cannot open %s: %s", lpath, strerror(errno));
	/* Polled rather than blocking, so that a guide stopped midway (Ctrl-Z)
	 * cannot hang this one for good. */
	while (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			*err = xasprintf("cannot lock %s: %s", lpath, strerror(errno));
		else if (waited >= LOCK_WAIT_MS) {
			*busy = 1;
			*err = xasprintf("another crampguide is saving to %s just now", path);
		}
		if (*err) {
			close(fd);
			fd = -1;
			break;
		}
		sleep_ms(pause);
		waited += pause;
		pause = pause < 64 ? pause * 2 : 64;
	}
	free(lpath);
	return fd;
}

/* Where the bytes live: a link (a file kept in a dotfiles repository) is
 * followed, so the person's own file is replaced rather than the link. */
static char *follow(const char *path, char **err)
{
	char *target = fileio_target(path);

	if (!target)
		*err = xasprintf("cannot follow the link %s: %s", path, strerror(errno));
	return target;
}

/* Under the lock the temporary name is fixed, so a writer killed midway
 * leaves one file the next change reuses and nothing piles up. */
static int commit(const char *target, const char *buf, size_t len, mode_t mode, char **err)
{
	char *tmp = xasprintf("%s.tmp", target);
	int ok = fileio_replace(target, tmp, buf, len, mode);

	if (!ok)
		*err = xasprintf("cannot write %s: %s", target, strerror(errno));
	free(tmp);
	return ok;
}

enum store_result store_change(const char *path, store_fn *fn, void *ctx, char **msg)
{
	char *dir = fileio_dir_of(path), *target = NULL, *err = NULL, *out = NULL;
	enum store_result r = STORE_FAILED;
	size_t outlen = 0;
	mode_t mode = 0600;
	int lock = -1, busy = 0;

	*msg = NULL;
	if (make_dirs(dir, &err) && (lock = lock_take(path, &err, &busy)) >= 0 &&
	    (target = follow(path, &err)) &&
	    (r = take(path, fn, ctx, &out, &outlen, &mode, msg)) == STORE_OK && out &&
	    !commit(target, out, outlen, mode, &err))
		r = STORE_FAILED;
	if (busy)
		r = STORE_BUSY;
	if (err)
		*msg = clean(err);
	if (lock >= 0)
		close(lock);
	free(out);
	free(target);
	free(dir);
	return r;
}
