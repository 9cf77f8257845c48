/* strbuf.h - a growable string (git's strbuf): appending is amortized
 * linear, where building a string with xasprintf() in a loop is quadratic. */
#ifndef CRAMPGUIDE_STRBUF_H
#define CRAMPGUIDE_STRBUF_H

#include <stddef.h>

/* buf[0..len) and a NUL after it once anything was added; a zeroed strbuf is empty. */
struct strbuf {
	char *buf;
	size_t len, cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

/* Append s[0..n). */
void strbuf_add(struct strbuf *sb, const char *s, size_t n);

/* Append the string s. */
void strbuf_adds(struct strbuf *sb, const char *s);

/* Append one byte. */
void strbuf_addc(struct strbuf *sb, char c);

/* Append text formatted like printf. */
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The string so far ("" when nothing was added); valid until the next change. */
const char *strbuf_str(const struct strbuf *sb);

/* Hand over the string (a new NUL-terminated buffer, its length in *len when len is not NULL) and leave sb empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/* Free what sb holds and leave it empty. */
void strbuf_release(struct strbuf *sb);

#endif
