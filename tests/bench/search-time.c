/* search-time.c - the time a search takes in the interactive guide.
 *
 *   search-time DIR QUERY RUNS
 *
 * Loads DIR, then RUNS times: sets up a fresh viewer (80x24, UTF-8) on
 * the home screen and presses '/', the letters of QUERY and Enter, through
 * viewer_key() as the input loop does, timing the keys from '/' to Enter.
 * A second search for the same word in the same viewer shows whether
 * the first one left anything behind that makes the next cheaper (the
 * first search once laid out every page).  Prints the medians of the
 * first and of the second search in milliseconds and the number of
 * matches.  Drawing the screen is left out: it costs the same for any
 * guide and needs a terminal.  The time is the process's CPU time, as in
 * the rest of the benchmark: on a shared machine the wall clock also
 * counts the time other programs held the CPU. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "load.h"
#include "marks.h"
#include "view.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double search(struct viewer *V, const char *q)
{
	double t0 = now();
	size_t i;

	viewer_key(V, KEYS_CH('/'));
	for (i = 0; q[i]; i++)
		viewer_key(V, KEYS_CH((unsigned char)q[i]));
	viewer_key(V, KEYS_CH('\n'));
	return now() - t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	struct diag d = { NULL, 0, 0 };
	struct marks marks;
	struct guide *g;
	char *notice;
	double *first, *again;
	long runs, r;
	size_t hits = 0;

	if (argc != 4 || (runs = strtol(argv[3], NULL, 10)) < 1) {
		fputs("usage: search-time DIR QUERY RUNS\n", stderr);
		return 2;
	}
	for (r = 0; argv[2][r]; r++)
		if ((unsigned char)argv[2][r] >= 0x80 || argv[2][r] < 0x20) {
			fputs("search-time: give an ASCII query\n", stderr);
			return 2;
		}
	g = load_guide(argv[1], &d);
	if (!g) {
		diag_print(&d, stderr);
		return 1;
	}
	/* The marks come from $XDG_STATE_HOME, which make bench points at an
	 * empty directory. */
	notice = marks_open(&marks, g);
	free(notice);
	first = calloc((size_t)runs, sizeof *first);
	again = calloc((size_t)runs, sizeof *again);
	if (!first || !again)
		return 1;
	for (r = 0; r < runs; r++) {
		struct viewer V;

		viewer_init(&V, g, &marks, NULL, false, true, 24, 80);
		first[r] = search(&V, argv[2]);
		again[r] = search(&V, argv[2]);
		/* The search keeps its hits to itself; the status line tells
		 * the person, and this, how many there are. */
		if (sscanf(V.message, "Match %*u of %zu", &hits) != 1)
			hits = 0;
		viewer_free(&V);
	}
	if (!hits) {
		fprintf(stderr, "search-time: no match for '%s'; choose a word the guide has\n", argv[2]);
		return 1;
	}
	printf("%.3f %.3f %zu\n", median(first, (size_t)runs) * 1e3, median(again, (size_t)runs) * 1e3,
	       hits);
	free(first);
	free(again);
	marks_close(&marks);
	diag_free(&d);
	guide_free(g);
	return 0;
}
