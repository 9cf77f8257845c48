/* main.c - the command line: options, then one mode. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "guide.h"
#include "load.h"
#include "paths.h"
#include "plain.h"
#include "util.h"

#ifndef CRAMPGUIDE_VERSION
#define CRAMPGUIDE_VERSION "0.0.0"
#endif

enum mode { MODE_GUIDE, MODE_CHECK, MODE_PLAIN };

enum { OPT_CHECK = 256 };

static const struct option long_options[] = {
	{ "content", required_argument, NULL, 'c' },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "plain", no_argument, NULL, 'p' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *out)
{
	fputs("Usage: crampguide [OPTION]...\n"
	      "A self-help guide to leg cramps: what they are, how to ease one now,\n"
	      "how to prevent the next, and when to see a professional.\n"
	      "\n"
	      "  -c, --content DIR   read the guide from DIR (also $CRAMPGUIDE_CONTENT)\n"
	      "      --check         check the content, report any problem, and exit\n"
	      "  -p, --plain         print the whole guide as plain text\n"
	      "  -h, --help          show this help and exit\n"
	      "  -V, --version       show the version and exit\n"
	      "\n"
	      "This is self-help information, not medical advice.\n"
	      "Exit status: 0 success, 1 failure, 2 wrong usage.\n"
	      "Full documentation: man crampguide\n",
	      out);
}

static _Noreturn void usage_error(const char *fmt, const char *arg)
{
	fputs("crampguide: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'crampguide --help' for more information.\n", stderr);
	exit(2);
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

	if (!dir)
		die("cannot find the guide's content (looked in %s); give its directory with --content DIR",
		    tried);
	g = load_guide(dir, &d);
	if (!g) {
		diag_print(&d, stderr);
		fprintf(stderr, "crampguide: %zu problem%s in the content in %s; fix %s (see the content format in the documentation) or use --content DIR\n",
			d.n, d.n == 1 ? "" : "s", dir, d.n == 1 ? "it" : "them");
		diag_free(&d);
		free(dir);
		exit(1);
	}
	diag_free(&d);
	*dir_out = dir;
	return g;
}

int main(int argc, char **argv)
{
	enum mode mode = MODE_GUIDE;
	const char *content = NULL;
	struct guide *g;
	char *dir;
	int c, status = 0;

	setlocale(LC_ALL, "");
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:phV", long_options, NULL)) != -1) {
		switch (c) {
		case 'c':
			content = optarg;
			break;
		case OPT_CHECK:
		case 'p':
			if (mode != MODE_GUIDE)
				usage_error("%s", "--check and --plain cannot be used together");
			mode = c == 'p' ? MODE_PLAIN : MODE_CHECK;
			break;
		case 'h':
			usage(stdout);
			return finish_output();
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

	g = load_or_die(content, argv[0], &dir);
	if (mode == MODE_CHECK) {
		printf("%s: %zu files, %zu pages, %zu items: content is valid\n", dir, g->nfiles,
		       g->npages, g->nitems);
		status = finish_output();
	} else {
		/* The interactive guide is not built yet: every mode reads plain. */
		if (!plain_print(g, stdout, plain_width())) {
			warn("cannot write the guide: %s", strerror(errno));
			status = 1;
		}
	}
	guide_free(g);
	free(dir);
	return status;
}
