/* audit.c - checks of loaded content that only --check runs.  They judge
 * the words rather than the format (can a tired reader follow this? is it
 * still reviewed? does it cite truthfully?), so the guide still opens when
 * one of them fails; reading level and review dates are warnings, which
 * --check --strict turns into errors. */
#include "audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Texts shorter than this are not graded alone: a two-word item such as
 * "Severe discomfort." scores grade 15 on two long words, which says
 * nothing about how hard it is to read.  They still count in the whole. */
#define GRADE_MIN_WORDS 8

/* Running totals for a grade over many texts. */
struct counts {
	double words, sentences, syllables;
};

static int is_vowel(char c)
{
	return strchr("aeiouy", c) != NULL;
}

/* Vowel groups, less a silent final e ("stretch-e" in "more"), at least one:
 * the usual estimate, good enough to find long words. */
static unsigned syllables(const char *w, size_t n)
{
	unsigned k = 0;
	size_t i;
	int prev = 0;

	for (i = 0; i < n; i++) {
		char c = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
		int v = is_vowel(c);

		k += v && !prev;
		prev = v;
	}
	if (n > 2 && (w[n - 1] == 'e' || w[n - 1] == 'E') && w[n - 2] != 'l' && k > 1)
		k--;
	return k ? k : 1;
}

static int is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Add text's words, sentences and syllables to c.  A web address is not a
 * word a reader has to read, so it does not count. */
static void count(const char *s, struct counts *c)
{
	while (*s) {
		size_t n, i, letters = 0, start;
		const char *w;
		unsigned char last;

		while (*s == ' ' || *s == '\n' || *s == '\t')
			s++;
		w = s;
		while (*s && *s != ' ' && *s != '\n' && *s != '\t')
			s++;
		n = (size_t)(s - w);
		if (!n || memchr(w, '/', n))
			continue;
		for (i = 0; i < n; i++)
			letters += is_letter((unsigned char)w[i]);
		last = (unsigned char)w[n - 1];
		while (n > 1 && (last == '"' || last == ')' || last == '\''))
			last = (unsigned char)w[--n - 1];
		c->sentences += last == '.' || last == '!' || last == '?';
		if (!letters)
			continue;
		/* The word's letters, without the punctuation around it. */
		for (start = 0; start < n && !is_letter((unsigned char)w[start]); start++)
			;
		i = n;
		while (i > start && !is_letter((unsigned char)w[i - 1]))
			i--;
		c->words++;
		c->syllables += syllables(w + start, i - start);
	}
}

static double grade_of(const struct counts *c)
{
	double sentences = c->sentences > 0 ? c->sentences : 1;

	if (c->words < 1)
		return 0;
	return 0.39 * (c->words / sentences) + 11.8 * (c->syllables / c->words) - 15.59;
}

double audit_grade(const char *text, size_t *words)
{
	struct counts c = { 0, 0, 0 };

	count(text, &c);
	if (words)
		*words = (size_t)c.words;
	return grade_of(&c);
}

/* One paragraph or item: its grade against the limit, and its citations. */
static void check_text(const char *text, bool editorial, const struct guide_ref *refs, size_t nrefs,
		       struct guide_pos pos, double max, struct counts *all, struct diag *d)
{
	struct counts c = { 0, 0, 0 };
	double grade;

	count(text, &c);
	all->words += c.words;
	all->sentences += c.sentences > 0 ? c.sentences : 1;
	all->syllables += c.syllables;
	grade = grade_of(&c);
	if (max > 0 && grade > max && c.words >= GRADE_MIN_WORDS)
		diag_warn_at(d, pos.file, pos.line, pos.col,
			     "reading grade %.1f is over the guide's limit of %.1f (reading_grade_max); use shorter sentences and plainer words",
			     grade, max);
	if (editorial && nrefs)
		diag_at(d, refs[0].pos.file, refs[0].pos.line, refs[0].pos.col,
			"editorial text cites '%s'; the guide's own words cite nothing: remove 'sources' or 'editorial'",
			refs[0].spec);
}

/* YYYY-MM-DD as a day count from a fixed start, or -1 when it is not a real date. */
static long day_number(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, dd, n = 0;
	long days;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &dd, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-' || m < 1 || m > 12 || dd < 1 || y < 1900)
		return -1;
	if (dd > mdays[m - 1] + (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return -1;
	/* Days from 0000-03-01, counting a leap day at the end of each leap year's February. */
	if (m <= 2) {
		y--;
		m += 12;
	}
	days = 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + dd - 1;
	return days;
}

/* A page's review: due `months` after its date (the same day of the month, or the month's last day). */
static void check_review(const struct guide_page *p, const char *today, long months, struct diag *d)
{
	const struct guide_value *r = &p->reviewed;
	char due[48];
	int y, m, dd;
	long day;

	if (!r->text) {
		if (months > 0)
			diag_warn_at(d, p->pos.file, p->pos.line, p->pos.col,
				     "page '%s' has no 'reviewed' date; add the date its text was last checked (YYYY-MM-DD)",
				     p->id);
		return;
	}
	day = day_number(r->text);
	if (day < 0) {
		diag_at(d, r->pos.file, r->pos.line, r->pos.col,
			"invalid date '%s' for 'reviewed'; write a real date as YYYY-MM-DD", r->text);
		return;
	}
	if (months <= 0 || sscanf(r->text, "%4d-%2d-%2d", &y, &m, &dd) != 3)
		return;
	m += (int)(months % 12);
	y += (int)(months / 12) + (m > 12);
	m = m > 12 ? m - 12 : m;
	snprintf(due, sizeof due, "%04d-%02d-%02d", y % 10000, m, dd);
	while (dd > 28 && day_number(due) < 0)
		snprintf(due, sizeof due, "%04d-%02d-%02d", y % 10000, m, --dd);
	if (day_number(today) > day_number(due))
		diag_warn_at(d, r->pos.file, r->pos.line, r->pos.col,
			     "page '%s' was last reviewed on %s and its review was due on %s; check its text against the sources and update the date",
			     p->id, r->text, due);
}

/* A positive number under one of the guide's keys, or 0 (reported when bad). */
static double positive(const struct guide_value *v, const char *key, struct diag *d)
{
	char *end;
	double x;

	if (!v->text)
		return 0;
	x = strtod(v->text, &end);
	if (end == v->text || *end || !(x > 0) || x > 1000) {
		diag_at(d, v->pos.file, v->pos.line, v->pos.col,
			"invalid value '%s' for '%s'; write a number above 0, such as 8", v->text, key);
		return 0;
	}
	return x;
}

void audit_guide(const struct guide *g, const char *today, struct diag *d, double *grade)
{
	struct counts all = { 0, 0, 0 };
	double max = positive(&g->reading_grade_max, "reading_grade_max", d);
	long months = (long)positive(&g->review_months, "review_months", d);
	size_t i, j;

	for (i = 0; i < g->nsources; i++) {
		const struct guide_source *s = g->sources[i];
		const char *k = s->kind.text;

		/* Optional, so that content written before kinds stays valid. */
		if (!k)
			continue;
		if (strcmp(k, "seed") != 0 && strcmp(k, "supplementary") != 0)
			diag_at(d, s->kind.pos.file, s->kind.pos.line, s->kind.pos.col,
				"unknown source kind '%s'; use seed or supplementary", k);
	}
	for (i = 0; i < g->npages; i++) {
		const struct guide_page *p = g->pages[i];

		for (j = 0; j < p->nparas; j++)
			check_text(p->paras[j].text, p->paras[j].editorial, p->paras[j].refs,
				   p->paras[j].nrefs, p->paras[j].pos, max, &all, d);
		for (j = 0; j < p->nitems; j++)
			check_text(p->items[j].text, p->items[j].editorial, p->items[j].refs,
				   p->items[j].nrefs, p->items[j].pos, max, &all, d);
		check_review(p, today, months, d);
	}
	*grade = grade_of(&all);
}
