/* search.c - case-folded matching over UTF-8 text. */
#include "search.h"

#include <stdlib.h>

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

/* Whether q matches s at i; its end in s goes to *end. */
static bool match_at(const char *s, size_t n, size_t i, const char *q, size_t qn, size_t *end)
{
	size_t k = 0;

	while (k < qn) {
		int32_t a, b;

		if (i >= n)
			return false;
		i += text_decode(s + i, n - i, &a);
		k += text_decode(q + k, qn - k, &b);
		if (search_fold(a) != search_fold(b))
			return false;
	}
	*end = i;
	return true;
}

bool search_find(const char *s, size_t n, const char *q, size_t qn, size_t from, size_t *off,
		 size_t *len)
{
	size_t i = from;

	if (!qn)
		return false;
	/* Texts are a few hundred bytes: trying every start is plenty fast. */
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
