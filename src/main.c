/* main.c - the command line: options, then one mode. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "diag.h"
#include "guide.h"
#include "load.h"
#include "loop.h"
#include "paths.h"
#include "outfile.h"
#include "plain.h"
#include "print.h"
#include "marks.h"
#include "text.h"
#include "sheet.h"
#include "tips.h"
#include "util.h"

static int finish_output(void);

#ifndef CRAMPGUIDE_VERSION
#define CRAMPGUIDE_VERSION "0.0.0"
#endif

enum mode { MODE_GUIDE, MODE_CHECK, MODE_PLAIN, MODE_TIPS, MODE_PRINT };

/* The option that chose each mode, for "cannot be used together". */
static const char *const mode_option[] = {
	[MODE_GUIDE] = "", [MODE_CHECK] = "--check", [MODE_PLAIN] = "--plain", [MODE_TIPS] = "--tips",
	[MODE_PRINT] = "--print",
};

enum { OPT_CHECK = 256, OPT_STRICT, OPT_TIPS, OPT_FORMAT, OPT_PRINT, OPT_PRINTER, OPT_COLOR,
       OPT_NO_MOUSE, OPT_FORCE };

static const struct option long_options[] = {
	{ "content", required_argument, NULL, 'c' },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "plain", no_argument, NULL, 'p' },
	{ "tips", no_argument, NULL, OPT_TIPS },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "print", no_argument, NULL, OPT_PRINT },
	{ "printer", required_argument, NULL, OPT_PRINTER },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* A path or argument made safe to print: it comes from the command line,
 * the environment or a directory's name, any of which can hold escape
 * sequences meant for the terminal, or line breaks that would make one
 * message look like two.  The caller frees it. */
static char *shown(const char *s)
{
	return diag_name(s);
}

static void usage(FILE *out, const char *argv0)
{
	char *page = paths_source_man_page(argv0), *safe = page ? shown(page) : NULL;

	fputs("Usage: crampguide [OPTION]...\n"
	      "A self-help guide to leg cramps: what they are, how to ease one now,\n"
	      "how to prevent the next, and when to see a professional.\n"
	      "On a terminal it opens the interactive guide (press ? in it for help);\n"
	      "otherwise it prints the whole guide as plain text.\n"
	      "\n"
	      "  -c, --content DIR   read the guide from DIR (also $CRAMPGUIDE_CONTENT)\n"
	      "      --check         check the content, report any problem, and exit\n"
	      "      --strict        with --check: count warnings as errors\n"
	      "  -p, --plain         print the whole guide as plain text\n"
	      "      --tips          print your tip sheet\n"
	      "      --format FMT    the tip sheet as text (the default), markdown or html\n"
	      "  -o, --output FILE   write the tip sheet to FILE instead of standard output\n"
	      "      --force         with -o, write even into the guide's content directory\n"
	      "      --print         send your tip sheet to the printer (CUPS lp)\n"
	      "      --printer NAME  print on NAME instead of your default printer\n"
	      "      --color[=WHEN]  colours in the guide: auto (the default), always or never\n"
	      "      --no-mouse      leave the mouse to the terminal, for selecting text\n"
	      "  -h, --help          show this help and exit\n"
	      "  -V, --version       show the version and exit\n"
	      "\n"
	      "This is self-help information, not medical advice.\n"
	      "Exit status: 0 success, 1 failure, 2 wrong usage.\n",
	      out);
	/* Run from the source tree, the man page is not installed yet. */
	if (safe)
		fprintf(out, "Full documentation: man -l %s\n", safe);
	else
		fputs("Full documentation: man crampguide\n", out);
	free(safe);
	free(page);
}

static _Noreturn void usage_error(const char *fmt, const char *arg)
{
	char *safe = shown(arg);

	fputs("crampguide: ", stderr);
	fprintf(stderr, fmt, safe);
	free(safe);
	fputs("\nTry 'crampguide --help' for more information.\n", stderr);
	exit(2);
}

static void set_mode(enum mode *mode, enum mode want)
{
	if (*mode != MODE_GUIDE && *mode != want) {
		char *both = xasprintf("%s and %s cannot be used together", mode_option[*mode],
				       mode_option[want]);

		usage_error("%s", both);
	}
	*mode = want;
}

/* "text, markdown or html", from the format table. */
static const char *format_names(void)
{
	static char list[128];
	int f;

	list[0] = '\0';
	for (f = 0; f < TIPS_NFORMATS; f++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
			 f == 0 ? "" : f + 1 == TIPS_NFORMATS ? " or " : ", ",
			 tips_format_info((enum tips_format)f)->name);
	return list;
}

/* The sheet as the person made it: their saved marks, or the defaults.
 * `ascii`: the text sheet in ASCII, for a locale that cannot show UTF-8. */
static char *render_sheet(const struct guide *g, enum tips_format format, bool ascii, size_t *len)
{
	struct marks m;
	struct sheet_marks sm;
	struct sheet s;
	char date[32], *warning = marks_open(&m, g), *buf;

	if (warning)
		warn("%s", warning);
	free(warning);
	sheet_marks_of(&m, &sm);
	sheet_today(date, sizeof date);
	sheet_build(&s, g, &sm, date);
	buf = tips_render(&s, format, ascii, len);
	sheet_free(&s);
	marks_close(&m);
	return buf;
}

/* The tip sheet to `output` ("-" or NULL: standard output), written
 * atomically to a file so a failure never leaves half a sheet.  A file in
 * the content directory `dir` takes `force`: a typo must not destroy the
 * guide. */
static int run_tips(const struct guide *g, enum tips_format format, const char *output,
		    const char *dir, bool force)
{
	char *error = NULL, *buf;
	size_t len;
	int status = 0;
	enum outfile_result r;

	if (output && strcmp(output, "-") != 0 && !force && outfile_in_dir(output, dir)) {
		char *safe = shown(output);

		warn("%s is in the guide's content directory, and writing there could destroy the "
		     "guide; choose another file, or add --force if you mean it", safe);
		free(safe);
		return 1;
	}
	buf = render_sheet(g, format, !text_locale_utf8(), &len);
	if (!output || strcmp(output, "-") == 0) {
		if (fwrite(buf, 1, len, stdout) != len) {
			warn("cannot write the tip sheet: %s", strerror(errno));
			status = 1;
		} else {
			status = finish_output();
		}
	} else if ((r = outfile_write(output, buf, len, &error)) == OUTFILE_FAILED) {
		warn("%s; choose another file with -o FILE", error);
		status = 1;
	} else if (r == OUTFILE_IN_PLACE) {
		warn("%s", error);
	}
	free(error);
	free(buf);
	return status;
}

/* The text sheet to the printer, saying what lp said. */
static int run_print(const struct guide *g, const char *printer)
{
	char *message, *buf;
	size_t len;
	int ok;

	/* lp takes UTF-8 text whatever the locale, so the printed sheet
	 * keeps its letters. */
	buf = render_sheet(g, TIPS_TEXT, false, &len);
	print_timeout(&message);
	if (message)
		warn("%s", message);
	free(message);
	ok = print_sheet(buf, len, printer, g->sheet.title ? g->sheet.title : g->title, NULL,
			 &message) == PRINT_SENT;
	if (ok)
		printf("%s\n", message);
	else
		warn("cannot print: %s", message);
	free(message);
	free(buf);
	return ok ? finish_output() : 1;
}

/* The interactive guide, with the person's marks loaded first and saved
 * last (each change is saved at once; this catches one that failed). */
static int run_guide(const struct guide *g, struct loop_options *ui)
{
	struct marks m;
	char *notice = marks_open(&m, g), *msg = NULL;
	int status;

	ui->marks = &m;
	ui->notice = notice;
	status = loop_run(g, ui);
	if (!marks_flush(&m, &msg))
		warn("your marks could not be kept for next time: %s", msg);
	free(msg);
	free(notice);
	marks_close(&m);
	return status;
}

/* Flush stdout and say so when that failed (a full disk, a closed pipe); return the exit status. */
static int finish_output(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("cannot write the output: %s", strerror(errno));
		return 1;
	}
	return 0;
}

/* Load the content or explain why not; never returns NULL. */
static struct guide *load_or_die(const char *option, const char *argv0, char **dir_out)
{
	char *tried = NULL;
	char *dir = paths_content_dir(option, argv0, &tried);
	struct diag d = { NULL, 0, 0 };
	struct guide *g;

	if (!dir) {
		/* Freed before exit, so that a leak check at exit stays quiet. */
		char *safe = shown(tried);

		warn("cannot find the guide's content (looked in %s); give its directory with --content DIR",
		     safe);
		free(safe);
		free(tried);
		exit(1);
	}
	g = load_guide(dir, &d);
	if (!g) {
		char *safe = shown(dir);

		diag_print(&d, stderr);
		fprintf(stderr, "crampguide: %zu problem%s in the content in %s; fix %s (see the content format in the documentation) or use --content DIR\n",
			diag_count(&d), diag_count(&d) == 1 ? "" : "s", safe,
			diag_count(&d) == 1 ? "it" : "them");
		free(safe);
		diag_free(&d);
		free(dir);
		exit(1);
	}
	diag_free(&d);
	*dir_out = dir;
	return g;
}

/* --check on content that loaded: the audit's warnings and errors, then
 * the summary with the guide's reading grade; strict: warnings fail too. */
static int run_check(const struct guide *g, const char *dir, bool strict)
{
	struct diag d = { NULL, 0, 0 };
	char today[16], *safe = shown(dir);
	size_t nwarn, nbad;
	double grade;

	sheet_today(today, sizeof today);
	audit_guide(g, today, &d, &grade);
	nwarn = diag_count_warnings(&d);
	nbad = diag_count(&d) - (strict ? 0 : nwarn);
	diag_print(&d, stderr);
	diag_free(&d);
	if (nbad) {
		fprintf(stderr, "crampguide: %zu problem%s in the content in %s; fix %s (see the content format in the documentation) or use --content DIR\n",
			nbad, nbad == 1 ? "" : "s", safe, nbad == 1 ? "it" : "them");
		free(safe);
		return 1;
	}
	printf("%s: %zu files, %zu pages, %zu items, reading grade %.1f: content is valid", safe,
	       g->nfiles, g->npages, g->nitems, grade);
	if (nwarn)
		printf(" (%zu warning%s)", nwarn, nwarn == 1 ? "" : "s");
	putchar('\n');
	free(safe);
	return finish_output();
}

/* The loaded guide, until the process ends (see the end of main()); a
 * store the compiler must keep, though nothing reads it back. */
static struct guide *volatile loaded;

int main(int argc, char **argv)
{
	enum mode mode = MODE_GUIDE;
	enum tips_format format = TIPS_TEXT;
	const char *content = NULL, *output = NULL, *format_name = NULL, *printer = NULL;
	struct loop_options ui = { TTY_COLOR_AUTO, true, NULL, NULL };
	struct guide *g;
	char *dir;
	bool force = false;
	int c, status = 0;
	bool strict = false;

	setlocale(LC_ALL, "");
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:o:phV", long_options, NULL)) != -1) {
		switch (c) {
		case 'c':
			content = optarg;
			break;
		case OPT_CHECK:
			set_mode(&mode, MODE_CHECK);
			break;
		case OPT_STRICT:
			strict = true;
			break;
		case 'p':
			set_mode(&mode, MODE_PLAIN);
			break;
		case OPT_TIPS:
			set_mode(&mode, MODE_TIPS);
			break;
		case OPT_FORMAT:
			format_name = optarg;
			if (!tips_format_from_name(optarg, &format)) {
				char fmt[256];

				snprintf(fmt, sizeof fmt, "unknown format '%%s'; use %s", format_names());
				usage_error(fmt, optarg);
			}
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_PRINT:
			set_mode(&mode, MODE_PRINT);
			break;
		case OPT_PRINTER:
			printer = optarg;
			break;
		case OPT_COLOR:
			/* Like ls: a bare --color means always. */
			if (!optarg || strcmp(optarg, "always") == 0)
				ui.color = TTY_COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				ui.color = TTY_COLOR_NEVER;
			else if (strcmp(optarg, "auto") == 0)
				ui.color = TTY_COLOR_AUTO;
			else
				usage_error("unknown colour choice '%s'; use --color=auto, always or never",
					    optarg);
			break;
		case OPT_NO_MOUSE:
			ui.mouse = false;
			break;
		case 'h':
			usage(stdout, argv[0]);
			return finish_output();
		case OPT_FORCE:
			force = true;
			break;
		case 'V':
			printf("crampguide %s\n", CRAMPGUIDE_VERSION);
			return finish_output();
		case ':':
			usage_error("option '%s' needs an argument", argv[optind - 1]);
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	if ((format_name || output) && mode != MODE_TIPS)
		usage_error("%s only goes with --tips", format_name ? "--format" : "--output");
	if (force && !output)
		usage_error("%s only goes with --tips -o FILE", "--force");
	if (output && strcmp(output, "-") != 0) {
		/* -o tips.html writes HTML: the name says what the file is. */
		enum tips_format by_name;

		if (tips_format_from_path(output, &by_name)) {
			if (!format_name) {
				format = by_name;
			} else if (by_name != format) {
				char fmt[256];

				snprintf(fmt, sizeof fmt, "--format %s does not fit the file name '%%s', "
					 "which says %s; leave out --format, or change the name",
					 tips_format_info(format)->name, tips_format_info(by_name)->name);
				usage_error(fmt, output);
			}
		}
	}
	if (printer && mode != MODE_PRINT)
		usage_error("%s only goes with --print", "--printer");
	if (strict && mode != MODE_CHECK)
		usage_error("%s only goes with --check", "--strict");

	if (mode == MODE_TIPS || mode == MODE_PRINT || mode == MODE_GUIDE) {
		char date[32];

		/* A sheet dated in the year -2147481749 helps nobody. */
		if (!sheet_today(date, sizeof date)) {
			char *safe = shown(getenv("SOURCE_DATE_EPOCH"));

			warn("SOURCE_DATE_EPOCH='%s' is not a date: it must be seconds since 1970 "
			     "(up to the year 9999); fix it or unset it", safe);
			free(safe);
			return 1;
		}
	}
	g = load_or_die(content, argv[0], &dir);
	if (mode == MODE_CHECK) {
		status = run_check(g, dir, strict);
	} else if (mode == MODE_TIPS) {
		status = run_tips(g, format, output, dir, force);
	} else if (mode == MODE_PRINT) {
		status = run_print(g, printer);
	} else {
		/* The interactive guide needs a terminal on both sides (or a
		 * test script); pipes, files and terminals curses cannot drive
		 * get the plain guide. */
		const char *script = getenv("CRAMPGUIDE_SCRIPT");

		status = LOOP_NO_TERMINAL;
		if (mode == MODE_GUIDE && ((script && *script) || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))))
			status = run_guide(g, &ui);
		if (status == LOOP_NO_TERMINAL && !plain_print(g, stdout, plain_width())) {
			warn("cannot write the guide: %s", strerror(errno));
			status = 1;
		} else if (status == LOOP_NO_TERMINAL) {
			status = 0;
		}
	}
	/* The guide is left for the exit to take back with the rest of the
	 * address space: unmapping a large guide's blocks one by one costs
	 * more (4% of --check on 10,000 pages), and from `loaded` it stays
	 * reachable, so leak checkers do not count it as lost. */
	loaded = g;
	free(dir);
	return status;
}
