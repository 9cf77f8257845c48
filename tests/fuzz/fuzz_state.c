/* fuzz_state.c - libFuzzer target for the state-file reader (state_parse()
 * in src/state.c).
 *
 * Input: the bytes of a tip-sheet state file.  Whatever they are, the
 * reader must either accept them with well-formed, unique ids within the
 * limits, or refuse them with a reason and an empty state; never crash,
 * leak or read out of bounds.  A broken promise is an abort().
 * tests/unit/test_fuzz.c replays the saved inputs through the same code. */
#include "state.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Called by libFuzzer for each input; returns 0 (every input is kept). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fs_fail(const char *what, const uint8_t *data, size_t size)
{
	size_t i;

	fprintf(stderr, "fuzz_state: %s; the file (%zu bytes):", what, size);
	for (i = 0; i < size && i < 256; i++)
		fprintf(stderr, " %02X", data[i]);
	fputc('\n', stderr);
	abort();
}

static int fs_empty(const struct state *st)
{
	int l;

	for (l = 0; l < STATE_NLISTS; l++)
		if (st->lists[l].n)
			return 0;
	return st->njournal == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state st;
	char *why = (char *)"unset";
	int ok, l;
	size_t i, j;

	ok = state_parse(&st, (const char *)data, size, &why);
	if (ok) {
		if (why)
			fs_fail("accepted, yet a reason was given", data, size);
		if (st.njournal)
			fs_fail("a file just read has unsaved changes", data, size);
		for (l = 0; l < STATE_NLISTS; l++) {
			const struct state_ids *ids = &st.lists[l];

			if (ids->n > STATE_MAX_IDS || ids->n > ids->cap)
				fs_fail("a list holds more ids than allowed", data, size);
			for (i = 0; i < ids->n; i++) {
				if (!state_valid_id(ids->v[i]))
					fs_fail("an accepted id is not well-formed", data, size);
				if (!state_has(&st, (enum state_list)l, ids->v[i]))
					fs_fail("an accepted id cannot be found", data, size);
				for (j = 0; j < i; j++)
					if (strcmp(ids->v[i], ids->v[j]) == 0)
						fs_fail("an id is in a list twice", data, size);
			}
		}
	} else {
		if (!why || !*why)
			fs_fail("refused without a reason", data, size);
		if (!fs_empty(&st))
			fs_fail("refused, yet the state is not empty", data, size);
	}
	free(why);
	state_free(&st);
	return 0;
}
