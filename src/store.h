/* store.h - the person's own files (the marks, and the diary to come),
 * kept so that nothing they saved is lost.
 *
 * Each change is one step: take flock() on PATH.lock, read the file as it
 * is now, let the caller apply its one change to what was read, write the
 * result to a temporary file in the same directory, fsync, rename it over
 * the file and fsync the directory.  A reader sees the old file or the new
 * one, never a mix; a writer killed midway leaves the old one; two programs
 * changing the file at once each apply their change to the other's.
 *
 * A file that cannot be read is never moved, renamed, truncated or written
 * over: the caller is told where and why (FILE:LINE:COL), and keeps its
 * own data for the run. */
#ifndef CRAMPGUIDE_STORE_H
#define CRAMPGUIDE_STORE_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

/* Largest file read: the YAML reader's own limit (YTREE_MAX_BYTES). */
#define STORE_MAX_BYTES ((size_t)4 * 1024 * 1024)

/* How a read or a change went. */
enum store_result {
	STORE_OK,          /* read; or changed, and the file replaced */
	STORE_UNREADABLE,  /* the file cannot be read: left as it is */
	STORE_FAILED,      /* nothing could be written: the file is untouched */
	STORE_BUSY,        /* another program holds the lock: nothing written, try later */
};

/* The caller's part, given the file as it is now: buf[0..len) (NUL-terminated; len 0 when there is no file).  Return 1 when the bytes are understood, setting *out (when out is not NULL) to a new buffer of *outlen bytes to replace the file with, or leaving it NULL to change nothing; return 0 after adding to d, under the name `path`, where and why they cannot be read. */
typedef int store_fn(void *ctx, const char *path, const char *buf, size_t len, struct diag *d,
		     char **out, size_t *outlen);

/* Read the file at path (no lock: it is only ever replaced whole) and hand it to fn with out and outlen NULL; return STORE_OK (a missing file too), or STORE_UNREADABLE with *msg a new "FILE:LINE:COL: what is wrong". */
enum store_result store_read(const char *path, store_fn *fn, void *ctx, char **msg);

/* Change the file at path under its lock, as described above (a missing directory is made 0700, a new file 0600, a symlink's target is replaced in its own directory); return STORE_OK, or STORE_UNREADABLE, STORE_FAILED or STORE_BUSY (the lock was not had within a fraction of a second) with *msg a new sentence part saying why (the file untouched either way). */
enum store_result store_change(const char *path, store_fn *fn, void *ctx, char **msg);

#endif
