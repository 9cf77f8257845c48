/* search.h - finding words in the guide: case-insensitive, UTF-8 aware.
 *
 * Pure functions.  Letters are compared after case folding (ASCII, Latin-1,
 * Latin Extended-A, Greek and Cyrillic), and typographic quotes match their
 * ASCII look-alikes, so "night's" finds "night’s". */
#ifndef CRAMPGUIDE_SEARCH_H
#define CRAMPGUIDE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guide.h"

/* Longest query, in bytes. */
#define SEARCH_MAX 200

/* The code point cp compares as: its lower case, or its ASCII look-alike for quotes. */
int32_t search_fold(int32_t cp);

/* Find the first match of q[0..qn) in s[from..n), both UTF-8; store its bytes in s as *off and *len and return true, or return false (always for an empty query). */
bool search_find(const char *s, size_t n, const char *q, size_t qn, size_t from, size_t *off,
		 size_t *len);

/* One match: bytes off..off+len of the text-th searchable text of the
 * page-th page searched (see layout_search_text()), its nth match. */
struct search_hit {
	size_t page;
	size_t text;
	size_t nth;
	size_t off, len;
};

/* Every match of q[0..qn) in the searchable texts of pages[0..n), in order of page, text and position; store a new array in *hits (NULL when none) and return its length. */
size_t search_guide(const struct guide_page *const *pages, size_t n, const char *q, size_t qn,
		    struct search_hit **hits);

#endif
