/* atomic.c - write to a temporary file beside the target, then rename:
 * rename() within one directory replaces the target in one step. */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "util.h"

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 1;
}

int atomic_write(const char *path, const char *buf, size_t len, mode_t mode, char **error)
{
	char *dir = fileio_dir_of(path), *tmp = xasprintf("%s.tmpXXXXXX", path);
	struct stat st;
	int fd, saved;

	*error = NULL;
	fd = mkstemp(tmp);
	if (fd < 0) {
		*error = xasprintf("cannot write %s: %s", path, strerror(errno));
		goto fail;
	}
	/* Keep the mode of a file being replaced; mkstemp made it 0600. */
	if (fchmod(fd, stat(path, &st) == 0 ? st.st_mode & 07777 : mode) != 0 ||
	    !write_all(fd, buf, len) || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		*error = xasprintf("cannot write %s: %s", path, strerror(saved));
		goto fail;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		*error = xasprintf("cannot write %s: %s", path, strerror(saved));
		goto fail;
	}
	/* The rename itself is only durable once the directory is synced. */
	fileio_sync_dir(dir);
	free(dir);
	free(tmp);
	return 1;
fail:
	free(dir);
	free(tmp);
	return 0;
}
