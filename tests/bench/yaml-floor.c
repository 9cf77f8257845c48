/* yaml-floor.c - the floor for loading content: libyaml's event parser
 * run over every *.yaml file of a directory, and nothing else.
 *
 *   yaml-floor DIR
 *
 * Each file is read whole into memory (as crampguide reads it) and parsed
 * to the end of its stream; every event is deleted as soon as it arrives.
 * Prints the number of files and events, and exits 1 on a file it cannot
 * read or parse, so that it never "wins" by doing less work. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, k;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		k = fread(buf + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	fclose(f);
	*len = n;
	return buf;
}

static unsigned long parse(const char *path)
{
	yaml_parser_t p;
	yaml_event_t ev;
	unsigned long events = 0;
	size_t len;
	char *buf = slurp(path, &len);
	int done = 0;

	if (!buf) {
		perror(path);
		exit(1);
	}
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "%s: %s\n", path, p.problem ? p.problem : "parse error");
			exit(1);
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		events++;
	}
	yaml_parser_delete(&p);
	free(buf);
	return events;
}

int main(int argc, char **argv)
{
	DIR *d;
	struct dirent *de;
	unsigned long files = 0, events = 0;

	if (argc != 2) {
		fputs("usage: yaml-floor DIR\n", stderr);
		return 2;
	}
	d = opendir(argv[1]);
	if (!d) {
		perror(argv[1]);
		return 1;
	}
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char *path;

		if (de->d_name[0] == '.' || n <= 5 || strcmp(de->d_name + n - 5, ".yaml") != 0)
			continue;
		path = malloc(strlen(argv[1]) + n + 2);
		if (!path)
			abort();
		sprintf(path, "%s/%s", argv[1], de->d_name);
		events += parse(path);
		files++;
		free(path);
	}
	closedir(d);
	printf("%lu files, %lu events\n", files, events);
	return 0;
}
