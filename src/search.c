/* search.c - case-folded matching over UTF-8 text. */
#include "search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

int32_t search_fold(int32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	if (cp < 0x80)
		return cp;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 0x20;
	/* Latin Extended-A pairs upper and lower case as even and odd code
	 * points, except for a run in the middle where the upper case is odd. */
	if (cp >= 0x0100 && cp <= 0x0137)
		return cp | 1;
	if ((cp >= 0x0139 && cp <= 0x0148) || (cp >= 0x0179 && cp <= 0x017E))
		return cp & 1 ? cp + 1 : cp;
	if (cp >= 0x014A && cp <= 0x0177)
		return cp | 1;
	if (cp == 0x0178)
		return 0xFF;
	if ((cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) || (cp >= 0x0410 && cp <= 0x042F))
		return cp + 0x20;
	if (cp == 0x03C2)
		return 0x03C3; /* final sigma */
	if (cp >= 0x0400 && cp <= 0x040F)
		return cp + 0x50;
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC)
		return '\'';
	if (cp == 0x201C || cp == 0x201D)
		return '"';
	return cp;
}

/* Whether ASCII bytes x and y are the same letter in either case, or the same byte. */
static bool ascii_same(unsigned char x, unsigned char y)
{
	return x == y || ((x | 0x20) == (y | 0x20) && (x | 0x20) >= 'a' && (x | 0x20) <= 'z');
}

/* Whether q matches s at i; its end in s goes to *end. */
static bool match_at(const char *s, size_t n, size_t i, const char *q, size_t qn, size_t *end)
{
	size_t k = 0;

	while (k < qn) {
		unsigned char x, y;
		int32_t a, b;

		if (i >= n)
			return false;
		x = (unsigned char)s[i];
		y = (unsigned char)q[k];
		/* Two ASCII bytes: compared here, in either case. */
		if (x < 0x80 && y < 0x80) {
			if (!ascii_same(x, y))
				return false;
			i++;
			k++;
			continue;
		}
		i += text_decode(s + i, n - i, &a);
		k += text_decode(q + k, qn - k, &b);
		if (search_fold(a) != search_fold(b))
			return false;
	}
	*end = i;
	return true;
}

/* The first place in s[i..n) holding byte a or byte b, or n.  Eight bytes
 * are tested at a time: a byte equal to c is a zero byte of w ^ c, and
 * subtracting one from every byte sets the top bit of a zero byte. */
static size_t next_either(const char *s, size_t n, size_t i, unsigned char a, unsigned char b)
{
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	const uint64_t wa = a * ones, wb = b * ones;

	while (n - i >= 8) {
		uint64_t w, x, y;

		memcpy(&w, s + i, 8);
		x = w ^ wa;
		y = w ^ wb;
		if ((((x - ones) & ~x) | ((y - ones) & ~y)) & tops)
			break;
		i += 8;
	}
	while (i < n && (unsigned char)s[i] != a && (unsigned char)s[i] != b)
		i++;
	return i;
}

bool search_find(const char *s, size_t n, const char *q, size_t qn, size_t from, size_t *off,
		 size_t *len)
{
	size_t i = from;
	int32_t first;

	if (!qn || from >= n)
		return false;
	text_decode(q, qn, &first);
	first = search_fold(first);
	if (first >= 0 && first < 0x80 && first != '\'' && first != '"') {
		/* A query that starts with ASCII other than a quote can only
		 * match where that byte is, in either case: nothing outside
		 * ASCII folds to an ASCII letter or digit (only curly quotes
		 * fold into ASCII), and an ASCII byte always starts a character.
		 * next_either() finds those places eight bytes at a time, which
		 * matters when a guide of thousands of pages is searched. */
		unsigned char lower = (unsigned char)first;
		unsigned char upper = lower >= 'a' && lower <= 'z' ? lower - 0x20 : lower;
		/* Most places fail at the next byte: when the query's second
		 * character is ASCII (but a quote) too, only an ASCII byte can
		 * match it, so that byte is looked at first. */
		unsigned char second = qn > 1 ? (unsigned char)q[1] : 0;
		bool quick = second && second < 0x80 && second != '\'' && second != '"';

		while ((i = next_either(s, n, i, lower, upper)) < n) {
			size_t end;

			if (quick && (i + 1 >= n || !ascii_same((unsigned char)s[i + 1], second))) {
				i++;
				continue;
			}
			if (match_at(s, n, i, q, qn, &end)) {
				*off = i;
				*len = end - i;
				return true;
			}
			i++;
		}
		return false;
	}
	while (i < n) {
		size_t end;

		if (match_at(s, n, i, q, qn, &end)) {
			*off = i;
			*len = end - i;
			return true;
		}
		i += text_decode(s + i, n - i, NULL);
	}
	return false;
}

size_t search_layouts(struct layout *const *layouts, size_t n, const char *q, size_t qn,
		      struct search_hit **hits)
{
	struct search_hit *v = NULL;
	size_t count = 0, cap = 0, l, b;

	for (l = 0; l < n; l++) {
		const struct layout *L = layouts[l];

		for (b = 0; b < L->nblocks; b++) {
			const struct layout_block *blk = &L->blocks[b];
			size_t from = 0, off, len;

			if (!blk->searchable)
				continue;
			while (search_find(blk->text, blk->len, q, qn, from, &off, &len)) {
				if (count == cap) {
					cap = cap ? cap * 2 : 16;
					v = xreallocarray(v, cap, sizeof *v);
				}
				v[count].layout = l;
				v[count].block = b;
				v[count].off = off;
				v[count].len = len;
				count++;
				from = off + len;
			}
		}
	}
	*hits = v;
	return count;
}
