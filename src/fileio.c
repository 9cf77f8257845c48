/* fileio.c - bounded reads and directory helpers. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

char *fileio_read_fd(int fd, size_t size, size_t max, size_t *len)
{
	/* One byte more than the expected size, so that the read that finds
	 * the end needs no bigger buffer: two reads for most files. */
	size_t cap = size < 4096 || size > max ? 4096 : size + 1, n = 0;
	char *buf = xmalloc(cap);

	for (;;) {
		ssize_t r;

		if (n == cap) {
			if (cap > max)
				break;
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0) {
			int saved = errno;

			if (saved == EINTR)
				continue;
			free(buf);
			errno = saved;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return buf;
}

char *fileio_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xasprintf("%.*s", (int)(slash - path), path);
}

void fileio_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int fileio_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno != EINTR)
			return 0;
		if (w > 0) {
			buf += w;
			len -= (size_t)w;
		}
	}
	return 1;
}

char *fileio_target(const char *path)
{
	char *cur = xstrdup(path);
	int hops;

	/* By hand rather than realpath(), which fails on a dangling link:
	 * `-o link` to a file not made yet creates it where the link points,
	 * as the shell's > does. */
	for (hops = 0; hops < 40; hops++) {
		struct stat sb;
		char buf[4096], *next;
		ssize_t n;

		if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
			return cur;
		n = readlink(cur, buf, sizeof buf - 1);
		if (n < 0) {
			free(cur);
			return NULL;
		}
		buf[n] = '\0';
		if (buf[0] == '/') {
			next = xstrdup(buf);
		} else {
			char *dir = fileio_dir_of(cur);

			next = xasprintf("%s/%s", dir, buf);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	free(cur);
	errno = ELOOP;
	return NULL;
}

int fileio_replace(const char *path, const char *tmp, const char *buf, size_t len, mode_t mode)
{
	char *dir = fileio_dir_of(path), *name;
	int fd, ok, saved;

	if (tmp) {
		name = xstrdup(tmp);
		fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	} else {
		/* Short, so that a name near the 255-byte limit still has room. */
		name = xasprintf("%s/.crampguide-XXXXXX", dir);
		fd = mkstemp(name);
	}
	ok = fd >= 0 && fchmod(fd, mode) == 0 && fileio_write_all(fd, buf, len) && fsync(fd) == 0;
	saved = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = 0;
		saved = errno;
	}
	if (ok && rename(name, path) != 0) {
		ok = 0;
		saved = errno;
	}
	if (ok)
		/* The rename itself is only durable once the directory is. */
		fileio_sync_dir(dir);
	else if (fd >= 0)
		unlink(name);
	free(name);
	free(dir);
	errno = ok ? errno : saved;
	return ok;
}
