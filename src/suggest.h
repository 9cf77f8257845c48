/* suggest.h - "did you mean ...?": the closest candidate to a misspelt word. */
#ifndef CRAMPGUIDE_SUGGEST_H
#define CRAMPGUIDE_SUGGEST_H

#include <stddef.h>

/* Candidates looked at for one word; the rest are ignored, so that a
 * typo in a guide of many thousand ids costs no more than in a small one. */
#define SUGGEST_MAX_CANDIDATES 2000

/* The search so far: feed candidates with suggest_try(). */
struct suggest {
	const char *word;
	size_t len;                 /* strlen(word) */
	const char *best;
	size_t best_dist;
	size_t tried;               /* candidates looked at */
};

/* Start looking for the candidate closest to `word`. */
void suggest_init(struct suggest *s, const char *word);

/* Consider one candidate (none after the first SUGGEST_MAX_CANDIDATES). */
void suggest_try(struct suggest *s, const char *candidate);

/* The closest candidate if it is close enough to be a likely typo, else NULL. */
const char *suggest_result(const struct suggest *s);

#endif
