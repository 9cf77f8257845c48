/* yfile.h - a content file's bytes, below the YAML tree: read whole,
 * checked byte by byte, and the table of line starts that maps a byte
 * offset to a line and column and back.  It parses nothing: ytree.c uses
 * it, never the other way round. */
#ifndef CRAMPGUIDE_YFILE_H
#define CRAMPGUIDE_YFILE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Largest content file accepted, checked before any of it is read. */
#define YFILE_MAX_BYTES ((size_t)4 * 1024 * 1024)

/* A file's bytes and, once a position is asked for, its line table. */
struct yfile {
	const char *path;
	char *buf;                  /* the file's bytes, owned */
	size_t len;
	uint32_t *lines;            /* byte offset of each line start (NULL before first use) */
	size_t nlines;
};

/* Read the regular file `path` whole into f (at most YFILE_MAX_BYTES); on failure report why to d and return 0. */
int yfile_read(struct yfile *f, const char *path, struct diag *d);

/* Set f up to hold a copy of buf[0..len) as if read from `path`. */
void yfile_copy(struct yfile *f, const char *path, const char *buf, size_t len);

/* Check every byte (UTF-16, invalid UTF-8, NUL, controls, NEL), reporting each at its line and column, at most max of them; return 1 when there is none. */
int yfile_check(const struct yfile *f, struct diag *d, size_t max);

/* Whether the file holds a NEL (U+0085): libyaml reads it as a line break, yfile_check() refuses it. */
int yfile_has_nel(const struct yfile *f);

/* The number of lines of the file, making the line table if it was not yet. */
size_t yfile_nlines(const struct yfile *f);

/* Convert a byte offset of the file into a 1-based line and column (columns count characters). */
void yfile_position(const struct yfile *f, size_t off, unsigned *line, unsigned *col);

/* Convert a 1-based line and column back into a byte offset of the file (its length past the last line). */
size_t yfile_offset(const struct yfile *f, unsigned line, unsigned col);

/* Free f's bytes and its line table. */
void yfile_free(struct yfile *f);

#endif
