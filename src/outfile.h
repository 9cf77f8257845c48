/* outfile.h - writing a file the person named (-o FILE, the sheet's save):
 * as the shell's > would, but in one step where it can be, so that a
 * failure never leaves half a file. */
#ifndef CRAMPGUIDE_OUTFILE_H
#define CRAMPGUIDE_OUTFILE_H

#include <stddef.h>

/* How the write went. */
enum outfile_result {
	OUTFILE_REPLACED,           /* a new file, or the old one replaced in one step */
	OUTFILE_IN_PLACE,           /* written over in place, not in one step (said in *msg) */
	OUTFILE_FAILED              /* not written (why in *msg); a file there is as it was */
};

/* Write buf[0..len) to path: a device, FIFO or socket is written into directly; a symlink is followed and its target replaced in its own directory; a regular file is replaced through a temporary file and rename, keeping its permissions (less any set-id bits), or made with 0666 less the umask; a file whose folder cannot be written is written over in place.  *msg gets a new sentence (about path, sanitized) on OUTFILE_IN_PLACE and OUTFILE_FAILED, else NULL. */
enum outfile_result outfile_write(const char *path, const char *buf, size_t len, char **msg);

/* Whether path (once its links are followed) is a file directly in the directory dir. */
int outfile_in_dir(const char *path, const char *dir);

#endif
