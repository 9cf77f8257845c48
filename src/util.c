/* util.c - dying cleanly and checked allocation. */
#include "util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static util_cleanup_fn *cleanup;

void util_set_cleanup(util_cleanup_fn *fn)
{
	cleanup = fn;
}

static void vsay(const char *fmt, va_list ap)
{
	fputs("crampguide: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void die(const char *fmt, ...)
{
	va_list ap;

	/* The terminal must be usable before the message, or it is lost in
	 * the alternate screen or garbled by raw mode. */
	if (cleanup) {
		util_cleanup_fn *fn = cleanup;
		cleanup = NULL;
		fn();
	}
	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
	exit(1);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
}

static void *checked(void *p)
{
	if (!p)
		die("out of memory; close some programs and try again");
	return p;
}

void *xmalloc(size_t size)
{
	return checked(malloc(size ? size : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return checked(calloc(n ? n : 1, size ? size : 1));
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		die("out of memory; close some programs and try again");
	size_t bytes = n * size;

	return checked(realloc(p, bytes ? bytes : 1));
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("cannot format a message");
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

size_t util_grow(size_t need, size_t cap)
{
	/* Half again (plus a little for tiny arrays) keeps appends linear;
	 * xreallocarray() catches a product that overflows. */
	size_t more = cap + cap / 2 + 8;

	return more > need && more > cap ? more : need;
}
