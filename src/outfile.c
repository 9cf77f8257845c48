/* outfile.c - writing a file the person named, as the shell's > would,
 * but in one step where it can be. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fileio.h"
#include "util.h"

/* A message about the file, and why when err is not 0: the name is the
 * person's, shown on one line. */
static char *say(const char *what, const char *path, int err)
{
	char *shown = diag_name(path), *s;

	s = err ? xasprintf("%s %s: %s", what, shown, strerror(err)) : xasprintf("%s %s", what, shown);
	free(shown);
	return s;
}

/* A device (/dev/null, /dev/stdout on a terminal), a FIFO or a socket
 * cannot be renamed over: it is opened and written, as > does. */
static enum outfile_result into(const char *path, const char *buf, size_t len, char **msg)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC), ok;

	if (fd < 0) {
		*msg = say("cannot write", path, errno);
		return OUTFILE_FAILED;
	}
	ok = fileio_write_all(fd, buf, len);
	if (!ok)
		*msg = say("cannot write", path, errno);
	if (close(fd) != 0 && ok) {
		ok = 0;
		*msg = say("cannot write", path, errno);
	}
	return ok ? OUTFILE_REPLACED : OUTFILE_FAILED;
}

/* The folder cannot take a temporary file, but the file itself may be
 * writable, as > would find: write over it, and say it was not one step. */
static enum outfile_result over(const char *path, const char *buf, size_t len, char **msg)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC), ok;

	if (fd < 0) {
		*msg = say("cannot write", path, errno);
		return OUTFILE_FAILED;
	}
	ok = fileio_write_all(fd, buf, len) && fsync(fd) == 0;
	if (close(fd) != 0)
		ok = 0;
	if (!ok) {
		*msg = say("cut short while writing over", path, errno);
		return OUTFILE_FAILED;
	}
	/* Said, since a failure midway would have left half a file. */
	{
		char *shown = diag_name(path);

		*msg = xasprintf("wrote over %s in place, not in one step, as its folder cannot be "
				 "written", shown);
		free(shown);
	}
	return OUTFILE_IN_PLACE;
}

enum outfile_result outfile_write(const char *path, const char *buf, size_t len, char **msg)
{
	struct stat sb;
	char *target;
	mode_t mode;
	enum outfile_result r;

	*msg = NULL;
	/* stat() follows links the way open() does, the kernel's own links
	 * under /proc (/dev/stdout) included. */
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		*msg = say("cannot write over a folder:", path, 0);
		return OUTFILE_FAILED;
	}
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return into(path, buf, len, msg);
	target = fileio_target(path);
	if (!target) {
		*msg = say("cannot follow the link", path, errno);
		return OUTFILE_FAILED;
	}
	if (stat(target, &sb) == 0) {
		/* Who may read it stays as it was; set-id bits never carry over. */
		mode = sb.st_mode & 0777;
	} else {
		mode = umask(022);
		umask(mode);
		mode = 0666 & ~mode;
	}
	if (fileio_replace(target, NULL, buf, len, mode))
		r = OUTFILE_REPLACED;
	else if ((errno == EACCES || errno == EPERM) && access(target, W_OK) == 0)
		r = over(target, buf, len, msg);
	else {
		*msg = say("cannot write", path, errno);
		r = OUTFILE_FAILED;
	}
	free(target);
	return r;
}

int outfile_in_dir(const char *path, const char *dir)
{
	char *target = fileio_target(path), *parent;
	struct stat a, b;
	int in;

	if (!target)
		return 0;
	parent = fileio_dir_of(target);
	in = stat(parent, &a) == 0 && stat(dir, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	free(parent);
	free(target);
	return in;
}
