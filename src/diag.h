/* diag.h - content errors collected and reported like a compiler's. */
#ifndef CRAMPGUIDE_DIAG_H
#define CRAMPGUIDE_DIAG_H

#include <stddef.h>
#include <stdio.h>

/* One message; line and col are 1-based, 0 when the message is about the whole file. */
struct diag_msg {
	char *file;
	unsigned line;
	unsigned col;
	char *text;
	size_t seq;
	int warning;                /* a warning, not an error: --check passes with it unless --strict */
};

/* All messages of one load, in the order they were found. */
struct diag {
	struct diag_msg *v;
	size_t n;
	size_t cap;
};

/* Add "FILE:LINE:COL: message"; file name and message are sanitized here, and a line break in them shown as \n.  Past 50 messages for one file, or 1000 in all, one closing message is kept instead of the rest. */
void diag_at(struct diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* Whether a message about `file` added now would be kept (not cut by the limits), so that work only such a message needs can be skipped. */
int diag_wants(const struct diag *d, const char *file);
/* Add "FILE:LINE:COL: warning: message": like diag_at(), but a warning. */
void diag_warn_at(struct diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* How many of d's messages are warnings. */
size_t diag_count_warnings(const struct diag *d);

/* Add "FILE: message" about a whole file. */
void diag_file(struct diag *d, const char *file, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Add each message of `from` to d, in order, under d's limits. */
void diag_append(struct diag *d, const struct diag *from);

/* How many messages d holds. */
size_t diag_count(const struct diag *d);

/* Forget every message after d's first n (those added since diag_count() was n). */
void diag_truncate(struct diag *d, size_t n);

/* How many messages are about `file`. */
size_t diag_count_file(const struct diag *d, const char *file);

/* Return a new sanitized copy of s[0..n) on one line: each line break shown as the two characters \n. */
char *diag_one_line(const char *s, size_t n);

/* The first message found as "FILE:LINE:COL: message" (or "FILE: message"), a new string; NULL when there is none. */
char *diag_first(const struct diag *d);

/* Longest name (a path, a TERM value) shown whole in a message, in bytes. */
#define DIAG_NAME_MAX 160

/* A name for a message: sanitized, on one line, and past DIAG_NAME_MAX bytes cut in the middle with "..."; a new string. */
char *diag_name(const char *s);

/* Sort by file, line and column (keeping the found order among equals) and print one message a line. */
void diag_print(struct diag *d, FILE *out);

/* Free every message and leave d empty. */
void diag_free(struct diag *d);

#endif
