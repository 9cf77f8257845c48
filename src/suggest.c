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

static size_t distance(const char *a, size_t na, const char *b, size_t nb)
{
	size_t row[SUGGEST_MAX_LEN + 1], i, j;

	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
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
