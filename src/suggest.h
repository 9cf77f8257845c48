/* suggest.h - "did you mean ...?": the closest candidate to a misspelt word. */
#ifndef CRAMPGUIDE_SUGGEST_H
#define CRAMPGUIDE_SUGGEST_H

#include <stddef.h>

/* The search so far: feed candidates with suggest_try(). */
struct suggest {
	const char *word;
	const char *best;
	size_t best_dist;
};

/* Start looking for the candidate closest to `word`. */
void suggest_init(struct suggest *s, const char *word);

/* Consider one candidate. */
void suggest_try(struct suggest *s, const char *candidate);

/* The closest candidate if it is close enough to be a likely typo, else NULL. */
const char *suggest_result(const struct suggest *s);

#endif
