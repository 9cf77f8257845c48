/* search.c - case-folded matching over UTF-8 text. */
#include "search.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
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

/* The next place in s[i..n) where a match of a query starting with the
 * ASCII byte `first` (in lower case) can start: where that byte is in
 * either case and, when `second` is not 0, the next byte is `second` in
 * either case; or n.  Both are compared with the 0x20 bit set, which makes
 * upper case letters lower case; the few other bytes it pairs up are
 * weeded out by match_at().  With SSE2 (every x86-64) sixteen places are
 * tried at once, so a search over the text of thousands of pages costs a
 * few milliseconds. */
static size_t next_start(const char *s, size_t n, size_t i, unsigned char first,
			 unsigned char second)
{
	const unsigned char f = first | 0x20, g = second | 0x20;

#ifdef __SSE2__
	const __m128i bit = _mm_set1_epi8(0x20), vf = _mm_set1_epi8((char)f),
		      vg = _mm_set1_epi8((char)g);

	while (n - i >= 17) {
		__m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), bit);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, vf));

		if (second && m) {
			__m128i b = _mm_or_si128(
				_mm_loadu_si128((const __m128i *)(const void *)(s + i + 1)), bit);

			m &= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, vg));
		}
		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	for (; i < n; i++)
		if (((unsigned char)s[i] | 0x20) == f &&
		    (!second || (i + 1 < n && ((unsigned char)s[i + 1] | 0x20) == g)))
			return i;
	return n;
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
		 * When its second character is ASCII (but a quote) too, only
		 * that byte, in either case, can follow. */
		unsigned char second = qn > 1 ? (unsigned char)q[1] : 0;

		if (second >= 0x80 || second == '\'' || second == '"')
			second = 0;
		while ((i = next_start(s, n, i, (unsigned char)first, second)) < n) {
			size_t end;

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

/* Add every match in one text to *v (count, cap). */
static void find_all(const char *s, size_t page, size_t text, const char *q, size_t qn,
		     struct search_hit **v, size_t *count, size_t *cap)
{
	size_t n = strlen(s), from = 0, off, len, nth = 0;

	while (search_find(s, n, q, qn, from, &off, &len)) {
		struct search_hit *h;

		ALLOC_GROW(*v, *count + 1, *cap);
		h = &(*v)[(*count)++];
		h->page = page;
		h->text = text;
		h->nth = nth++;
		h->off = off;
		h->len = len;
		from = off + len;
	}
}

size_t search_guide(const struct guide_page *const *pages, size_t n, const char *q, size_t qn,
		    struct search_hit **hits)
{
	struct search_hit *v = NULL;
	size_t count = 0, cap = 0, p, k;

	for (p = 0; p < n; p++) {
		const char *s;

		for (k = 0; (s = layout_search_text(pages[p], k)) != NULL; k++)
			find_all(s, p, k, q, qn, &v, &count, &cap);
	}
	*hits = v;
	return count;
}
