/* fuzz_marks.c - libFuzzer target for the marks file reader (marks_parse()
 * in src/marks.c, on the content's YAML reader).
 *
 * Input: the bytes of a saved marks file.  Whatever they are, the reader
 * must either accept them with well-formed, unique ids within the limits
 * and no message, or refuse them with at least one message that names the
 * file, and empty lists; never crash, leak or read out of bounds.  A
 * broken promise is an abort().  tests/unit/test_fuzz.c replays the saved
 * inputs through the same code. */
#include "marks.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Called by libFuzzer for each input; returns 0 (every input is kept). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fm_fail(const char *what, const uint8_t *data, size_t size)
{
	size_t i;

	fprintf(stderr, "fuzz_marks: %s; the file (%zu bytes):", what, size);
	for (i = 0; i < size && i < 256; i++)
		fprintf(stderr, " %02X", data[i]);
	fputc('\n', stderr);
	abort();
}

/* Whether id is "PAGE/ITEM" with two content ids. */
static int fm_valid(const char *id)
{
	const char *slash = strchr(id, '/');

	return slash && guide_valid_id(id, (size_t)(slash - id)) &&
	       guide_valid_id(slash + 1, strlen(slash + 1));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { NULL, 0, 0 };
	struct marks m;
	int ok, l;
	size_t i, j;

	memset(&m, 0, sizeof(m));
	ok = marks_parse(&m, "tips.yaml", (const char *)data, size, &d);
	for (l = 0; l < MARKS_NLISTS; l++) {
		size_t n;
		const char *const *ids = marks_ids(&m, (enum marks_list)l, &n);

		if (!ok && n)
			fm_fail("refused, yet a list is not empty", data, size);
		if (n > MARKS_MAX_IDS)
			fm_fail("a list holds more ids than allowed", data, size);
		for (i = 0; i < n; i++) {
			if (!fm_valid(ids[i]))
				fm_fail("an accepted id is not well-formed", data, size);
			for (j = 0; j < i; j++)
				if (strcmp(ids[i], ids[j]) == 0)
					fm_fail("an id is in a list twice", data, size);
		}
	}
	if (ok && d.n)
		fm_fail("accepted, yet a message was given", data, size);
	if (!ok && (!d.n || strcmp(d.v[0].file, "tips.yaml") != 0 || !*d.v[0].text))
		fm_fail("refused without a message that names the file", data, size);
	if (m.nunsaved)
		fm_fail("a file just read has unsaved changes", data, size);
	diag_free(&d);
	marks_close(&m);
	return 0;
}
