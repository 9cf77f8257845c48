/* yfile.h - a content file's bytes, below the tree of ytree.h: read whole
 * or, when big, while it is parsed; checked byte by byte; and the table of
 * line starts behind ydoc_position() and ydoc_offset(). */
#ifndef CRAMPGUIDE_YFILE_H
#define CRAMPGUIDE_YFILE_H

#include <stddef.h>

#include "diag.h"
#include "ytree.h"

/* Whether doc's file has had enough messages in d (YTREE_MAX_ERRORS) to stop looking for more. */
int yfile_too_many(const struct ydoc *doc, const struct diag *d);

/* Check every byte of doc->buf[0..len) (UTF-16, invalid UTF-8, NUL, controls, NEL), reporting each at its line and column; return 1 when there is none. */
int yfile_check(struct ydoc *doc, struct diag *d);

/* Whether the file holds a NEL (U+0085): libyaml reads it as a line break, yfile_check() refuses it. */
int yfile_has_nel(const struct ydoc *doc);

/* Set doc up to read the big file fd while it is parsed (doc->input); return 0 when it cannot, and the file is to be read whole. */
int yfile_stream(struct ydoc *doc, int fd);

/* libyaml's read handler for a streamed doc (data): up to size next bytes into out, their number in *got; 0 on a read error or past the size limit. */
int yfile_feed(void *data, unsigned char *out, size_t size, size_t *got);

/* Give back the bytes of a streamed file before line `line` (1-based): nothing looks at them again. */
void yfile_release(struct ydoc *doc, unsigned line);

/* Stop streaming and hold the whole file, read again from its start, for yfile_check(); on a read error or a file grown past the limit, report that instead of d's messages after its first `before`, and return 0. */
int yfile_whole(struct ydoc *doc, struct diag *d, size_t before);

/* The number of lines of doc's file (read so far), making the line table if it was not yet. */
size_t yfile_nlines(const struct ydoc *doc);

/* Free doc's bytes and its line table. */
void yfile_free(struct ydoc *doc);

#endif
