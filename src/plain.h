/* plain.h - the whole guide as plain text, for pipes, files and dumb terminals. */
#ifndef CRAMPGUIDE_PLAIN_H
#define CRAMPGUIDE_PLAIN_H

#include <stddef.h>
#include <stdio.h>

#include "guide.h"

/* Narrowest and widest text the plain guide is wrapped to. */
#define PLAIN_MIN_WIDTH 20
#define PLAIN_MAX_WIDTH 1000

/* The wrap width for the plain guide: $COLUMNS when it is a number in range, else 80. */
size_t plain_width(void);

/* Print text sanitized and wrapped to `width` columns, its first line after `first` and the others after `rest` (ASCII prefixes). */
void plain_wrapped(FILE *out, const char *text, size_t width, const char *first, const char *rest);

/* Print the whole guide in reading order, wrapped to `width` columns, every text sanitized; return 0 if writing failed. */
int plain_print(const struct guide *g, FILE *out, size_t width);

#endif
