/* fold.c - a content value as every output reads it: white space folded,
 * eight bytes at a time where the text is plain ASCII, noting on the way
 * whether anything in it is worth linting. */
#include "fold.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

static int is_space_cp(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x85 ||
	       cp == 0x2028 || cp == 0x2029;
}

/* Whether text_lint() could report code point cp: it reports controls
 * (C0 but tab and newline, DEL, C1, bidi), invalid UTF-8, and words that
 * mix Latin with another script, which takes a letter of a script other
 * than Latin.  Most non-ASCII text (typographic punctuation, accents, CJK)
 * has none of these and need not be linted at all. */
static int lint_relevant(int32_t cp)
{
	const char *script;

	if (cp == TEXT_INVALID || text_is_control(cp))
		return 1;
	script = text_script_name(cp);
	return script && strcmp(script, "Latin") != 0;
}

/* Whether the 8 bytes at s are all printable ASCII (0x20 to 0x7E) with no
 * two spaces side by side: text that folding leaves as it is.  Each byte
 * is tested in its own lane of a 64-bit word; no lane carries into the
 * next, so the test is exact. */
static int plain_words(const char *s)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7Fu, tops = 0x8080808080808080u;
	const uint64_t ones = 0x0101010101010101u;
	uint64_t w, t, z, sp;

	memcpy(&w, s, 8);
	t = w & low7;
	/* A top bit: a byte of 0x80 or more, 0x7F (t + 1), or below 0x20
	 * (t + 0x60 stays under 0x80). */
	if ((w | (t + ones) | ~(t + 0x60 * ones)) & tops)
		return 0;
	/* The top bit of each lane holding a space. */
	z = w ^ (0x20 * ones);
	sp = ~(((z & low7) + low7) | z) & tops;
	return !(sp & (sp << 8));
}

/* *plain is cleared when the text holds a code point that text_lint()
 * could report (see lint_relevant()), the only texts worth linting. */
char *fold_text(struct arena *a, const char *s, size_t n, int *plain)
{
	char *out = arena_bytes(a, n + 1), *o = out;
	size_t i = 0;
	int space = 0;

	*plain = 1;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t k;

		/* Eight bytes of printable ASCII with single spaces between
		 * words, most of any text, are copied as they are; a space
		 * ending them waits, like any other, for what follows. */
		if (n - i >= 8 && c != ' ' && plain_words(s + i)) {
			if (space)
				*o++ = ' ';
			memcpy(o, s + i, 8);
			o += 8;
			i += 8;
			space = s[i - 1] == ' ';
			o -= space;
			continue;
		}
		/* A run of printable ASCII other than space is copied as it is. */
		if ((unsigned char)(c - 0x21) < 0x5E) {
			if (space)
				*o++ = ' ';
			space = 0;
			do
				*o++ = s[i++];
			while (i < n && (unsigned char)(s[i] - 0x21) < 0x5E);
			continue;
		}
		if (c < 0x80) {
			/* ASCII letters are Latin: only controls matter here. */
			if ((c < 0x20 || c == 0x7F) && *plain)
				*plain = !lint_relevant(c);
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				space = o != out;
			} else {
				if (space)
					*o++ = ' ';
				space = 0;
				*o++ = (char)c;
			}
			i++;
			continue;
		}
		k = text_decode(s + i, n - i, &cp);
		if (*plain)
			*plain = !lint_relevant(cp);
		if (is_space_cp(cp)) {
			space = o != out;
		} else {
			if (space)
				*o++ = ' ';
			space = 0;
			memcpy(o, s + i, k);
			o += k;
		}
		i += k;
	}
	*o = '\0';
	arena_trim(a, out, n + 1, (size_t)(o - out) + 1);
	return out;
}
