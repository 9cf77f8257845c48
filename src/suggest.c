/* suggest.c - edit distance with a cap, so hostile input cannot make it slow. */
#include "suggest.h"

#include <string.h>

/* Ids and keys are short; longer words are never typos of them. */
#define SUGGEST_MAX_LEN 64

void suggest_init(struct suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->best_dist = (size_t)-1;
}

/* Edit distance counting a swap of two neighbours as one edit ("titel"
 * for "title"), over three rolling rows. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb)
{
	size_t rows[3][SUGGEST_MAX_LEN + 1], i, j;
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		size_t *t;

		cur[0] = i;
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
	size_t na = strlen(s->word), nb = strlen(candidate), d;

	if (na > SUGGEST_MAX_LEN || nb > SUGGEST_MAX_LEN)
		return;
	d = distance(s->word, na, candidate, nb);
	if (d < s->best_dist) {
		s->best_dist = d;
		s->best = candidate;
	}
}

const char *suggest_result(const struct suggest *s)
{
	size_t n = strlen(s->word);
	/* Two edits for words of six letters or more, one for shorter: close
	 * enough to catch "titel" and "relif" without suggesting nonsense. */
	size_t limit = n >= 6 ? 2 : 1;

	return s->best && s->best_dist > 0 && s->best_dist <= limit ? s->best : NULL;
}
