/* util.h - dying cleanly and allocating without checking at every call site. */
#ifndef CRAMPGUIDE_UTIL_H
#define CRAMPGUIDE_UTIL_H

#include <stddef.h>

/* Called by die() before it prints, so a screen module can restore the terminal first. */
typedef void util_cleanup_fn(void);

/* Set the function die() calls before printing (NULL for none). */
void util_set_cleanup(util_cleanup_fn *fn);

/* Print "crampguide: MESSAGE" on stderr after running the cleanup, then exit with status 1. */
_Noreturn void die(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* Print "crampguide: MESSAGE" on stderr and go on. */
void warn(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* malloc that dies with a clear message instead of returning NULL (size 0 gives a valid pointer). */
void *xmalloc(size_t size);

/* calloc that dies instead of returning NULL, and on overflow of n * size. */
void *xcalloc(size_t n, size_t size);

/* realloc of n elements of `size` bytes that dies instead of returning NULL or overflowing. */
void *xreallocarray(void *p, size_t n, size_t size);

/* The capacity to grow an array of capacity cap to for at least need elements: half again, or need if more. */
size_t util_grow(size_t need, size_t cap);

/* Make room in the array p of capacity cap for at least n elements (git's ALLOC_GROW): amortized doubling, dying on overflow. */
#define ALLOC_GROW(p, n, cap) \
	do { \
		if ((n) > (cap)) { \
			(cap) = util_grow((n), (cap)); \
			(p) = xreallocarray((p), (cap), sizeof *(p)); \
		} \
	} while (0)

/* strdup that dies instead of returning NULL. */
char *xstrdup(const char *s);

/* Return a new string formatted like printf. */
char *xasprintf(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

#endif
