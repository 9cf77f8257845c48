/* suggest.c - edit distance with a cap, so hostile input cannot make it slow. */
#include "suggest.h"

#include <string.h>

/* Ids and keys are short; longer words are never typos of them. */
#define SUGGEST_MAX_LEN 64

/* The most edits a suggestion may be away (see suggest_result()). */
static size_t limit_for(size_t len)
{
	/* Two edits for words of six letters or more, one for shorter: close
	 * enough to catch "titel" and "relif" without suggesting nonsense. */
	return len >= 6 ? 2 : 1;
}

void suggest_init(struct suggest *s, const char *word)
{
	s->word = word;
	s->len = strlen(word);
	s->best = NULL;
	s->best_dist = (size_t)-1;
	s->tried = 0;
}

/* Edit distance counting a swap of two neighbours as one edit ("titel"
 * for "title"), over three rolling rows; once a whole row is over `stop`
 * the distance can only be larger, and any value over `stop` is returned. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb, size_t stop)
{
	size_t rows[3][SUGGEST_MAX_LEN + 1], i, j;
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		size_t *t, low;

		cur[0] = i;
		low = i;
		for (j = 1; j <= nb; j++) {
			size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
			if (best < low)
				low = best;
		}
		/* A swap reaches back two rows, so the row before must be over too. */
		if (low > stop && i > 1) {
			size_t k, low2 = prev[0];

			for (k = 1; k <= nb; k++)
				if (prev[k] < low2)
					low2 = prev[k];
			if (low2 > stop)
				return stop + 1;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[nb];
}

void suggest_try(struct suggest *s, const char *candidate)
{
	size_t na = s->len, nb, d, stop = limit_for(na);

	if (s->tried >= SUGGEST_MAX_CANDIDATES)
		return;
	s->tried++;
	nb = strlen(candidate);
	/* Only a candidate within the limit can be suggested, and the
	 * difference in length alone is that many edits. */
	if (na > SUGGEST_MAX_LEN || nb > SUGGEST_MAX_LEN || (na > nb ? na - nb : nb - na) > stop)
		return;
	d = distance(s->word, na, candidate, nb, stop);
	if (d < s->best_dist) {
		s->best_dist = d;
		s->best = candidate;
	}
}

const char *suggest_result(const struct suggest *s)
{
	size_t limit = limit_for(s->len);

	return s->best && s->best_dist > 0 && s->best_dist <= limit ? s->best : NULL;
}
