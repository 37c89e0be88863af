/* testutil.c — process and file helpers for the tests (testutil.h). */
#include "testutil.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

run_result run_argv(const char *cwd, char **env_extra, char **argv)
{
	run_result r = {0};
	GError *err = NULL;
	char **env = g_get_environ();
	for (char **e = env_extra; e && *e; e++) {
		char *eq = strchr(*e, '=');
		char *k = g_strndup(*e, (gsize)(eq - *e));
		env = g_environ_setenv(env, k, eq + 1, TRUE);
		g_free(k);
	}
	int status = 0;
	if (!g_spawn_sync(cwd, argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &r.out, &r.err, &status, &err)) {
		r.status = -1;
		r.out = g_strdup("");
		r.err = g_strdup(err->message);
		g_error_free(err);
	} else {
		r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	}
	g_strfreev(env);
	return r;
}

run_result run_sh(const char *cmd)
{
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	return run_argv(NULL, NULL, argv);
}

run_result run_ppsgen(const char *first, ...)
{
	GPtrArray *a = g_ptr_array_new();
	g_ptr_array_add(a, PPSGEN_BIN);
	va_list ap;
	va_start(ap, first);
	for (const char *s = first; s; s = va_arg(ap, const char *))
		g_ptr_array_add(a, (gpointer)s);
	va_end(ap);
	g_ptr_array_add(a, NULL);
	run_result r = run_argv(NULL, NULL, (char **)a->pdata);
	g_ptr_array_free(a, TRUE);
	return r;
}

void run_free(run_result *r)
{
	g_free(r->out);
	g_free(r->err);
}

char *scratch_dir(const char *name)
{
	char *d = g_build_filename(PPS_TEST_OUT, name, NULL);
	char *cmd = g_strdup_printf("rm -rf '%s' && mkdir -p '%s'", d, d);
	run_result r = run_sh(cmd);
	run_free(&r);
	g_free(cmd);
	return d;
}

char *src_path(const char *rel) { return g_build_filename(PPS_SOURCE_DIR, rel, NULL); }

char *pdf_text(const char *pdf, int page)
{
	char *cmd = page > 0 ? g_strdup_printf("pdftotext -layout -f %d -l %d '%s' -", page, page, pdf)
			     : g_strdup_printf("pdftotext -layout '%s' -", pdf);
	run_result r = run_sh(cmd);
	g_free(cmd);
	g_free(r.err);
	return r.out;
}

int pdf_pages(const char *pdf)
{
	char *cmd = g_strdup_printf("pdfinfo '%s' | awk '/^Pages:/ {print $2}'", pdf);
	run_result r = run_sh(cmd);
	g_free(cmd);
	int n = atoi(r.out);
	run_free(&r);
	return n;
}

char *read_file(const char *path, gsize *len)
{
	char *s = NULL;
	if (!g_file_get_contents(path, &s, len, NULL))
		return NULL;
	return s;
}

int run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* A copy of S with every FROM replaced by TO. */
char *replace_all(const char *s, const char *from, const char *to)
{
	if (!from || !*from)
		return g_strdup(s);
	GString *g = g_string_new(NULL);
	size_t fl = strlen(from);
	for (const char *hit; (hit = strstr(s, from)); s = hit + fl) {
		g_string_append_len(g, s, hit - s);
		g_string_append(g, to);
	}
	g_string_append(g, s);
	return g_string_free(g, FALSE);
}

char *sample_variant(const char *dir, const char *name, ...)
{
	char *in = src_path("data/sample-statement.xml"), *csv = src_path("data/sample-workforce.csv");
	char *xml = read_file(in, NULL), *data = read_file(csv, NULL);
	ck_assert_msg(xml && data, "%s or %s not readable", in, csv);
	va_list ap;
	va_start(ap, name);
	for (const char *from; (from = va_arg(ap, const char *));) {
		const char *to = va_arg(ap, const char *);
		ck_assert_msg(strstr(xml, from), "the sample has no \"%s\"", from);
		char *x = replace_all(xml, from, to);
		g_free(xml);
		xml = x;
	}
	va_end(ap);
	char *path = g_build_filename(dir, name, NULL), *csv_copy = g_build_filename(dir, "sample-workforce.csv", NULL);
	ck_assert(g_file_set_contents(path, xml, -1, NULL) && g_file_set_contents(csv_copy, data, -1, NULL));
	g_free(csv_copy);
	g_free(xml);
	g_free(data);
	g_free(in);
	g_free(csv);
	return path;
}
