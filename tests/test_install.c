/* test_install.c — ppsgen as installed: a copy of the sources built and installed
 * to a scratch prefix, the copy deleted and the prefix moved, renders from
 * another folder exactly what the build tree renders; the data directory's
 * lookup and its message; the manual pages against --help, FORMAT.md and the
 * bash completion. */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#ifndef PPS_C_COMPILER
#define PPS_C_COMPILER "cc"
#endif
#ifndef PPS_BUILD_TYPE
#define PPS_BUILD_TYPE "RelWithDebInfo"
#endif
#ifndef MD2MAN_BIN
#define MD2MAN_BIN "md2man"
#endif
#ifndef PPS_FORMAT_PAGE
#define PPS_FORMAT_PAGE "ppsgen-format.5"
#endif

static const char *COMMANDS[] = {"render", "check", "figures", "coverage", "rollover", "new", "import", NULL};

/* PPSGEN_HOME empty: the program must find its data by itself. */
static char *NO_HOME[] = {"PPSGEN_HOME=", NULL};

static run_result run_in(const char *cwd, char **env, const char *first, ...) G_GNUC_NULL_TERMINATED;
static run_result run_in(const char *cwd, char **env, const char *first, ...)
{
	GPtrArray *a = g_ptr_array_new();
	va_list ap;
	va_start(ap, first);
	for (const char *s = first; s; s = va_arg(ap, const char *))
		g_ptr_array_add(a, (gpointer)s);
	va_end(ap);
	g_ptr_array_add(a, NULL);
	run_result r = run_argv(cwd, env, (char **)a->pdata);
	g_ptr_array_free(a, TRUE);
	return r;
}

static void run_ok(run_result r, const char *what)
{
	ck_assert_msg(r.status == 0, "%s failed (%d):\n%s\n%s", what, r.status, r.out, r.err);
	run_free(&r);
}

static void assert_same_file(const char *a, const char *b)
{
	gsize la = 0, lb = 0;
	char *x = read_file(a, &la), *y = read_file(b, &lb);
	ck_assert_msg(x && y, "cannot read %s or %s", a, b);
	ck_assert_msg(la == lb && !memcmp(x, y, la), "%s (%zu bytes) differs from %s (%zu bytes)", a, (size_t)la, b,
		      (size_t)lb);
	g_free(x);
	g_free(y);
}

/* ---- Installed ---------------------------------------------------------- */

START_TEST(installed_copy_runs_from_anywhere)
{
	char *top = scratch_dir("install");
	char *src = g_build_filename(top, "src", NULL), *build = g_build_filename(top, "build", NULL);
	char *prefix = g_build_filename(top, "prefix", NULL), *moved = g_build_filename(top, "moved", NULL);
	char *work = g_build_filename(top, "work", NULL);
	g_mkdir_with_parents(src, 0755);
	g_mkdir_with_parents(work, 0755);

	/* A copy of what a release tarball holds; the build knows only the copy.
	 * data/ file by file: test_options writes a scratch file there. */
	const char *parts[] = {"CMakeLists.txt", "README.md", "generator", "templates", "fonts", "man", "completion",
			       "data/sample-statement.xml", "data/sample-workforce.csv", "data/award-2018.xml", NULL};
	char *src_data = g_build_filename(src, "data", NULL);
	g_mkdir_with_parents(src_data, 0755);
	for (int i = 0; parts[i]; i++) {
		char *from = src_path(parts[i]);
		run_ok(run_in(NULL, NULL, "cp", "-R", from, g_str_has_prefix(parts[i], "data/") ? src_data : src, NULL),
		       "cp");
		g_free(from);
	}
	g_free(src_data);
	char *cc = g_strdup_printf("-DCMAKE_C_COMPILER=%s", PPS_C_COMPILER);
	run_ok(run_in(NULL, NULL, "cmake", "-S", src, "-B", build, cc, "-DCMAKE_BUILD_TYPE=" PPS_BUILD_TYPE,
		      "-DPPS_BUILD_TESTS=OFF", "-DPPS_WERROR=ON", NULL),
	       "cmake configure");
	run_ok(run_in(NULL, NULL, "cmake", "--build", build, "-j2", NULL), "cmake --build");
	run_ok(run_in(NULL, NULL, "cmake", "--install", build, "--prefix", prefix, NULL), "cmake --install");
	run_ok(run_in(NULL, NULL, "rm", "-rf", src, build, NULL), "rm");
	ck_assert_int_eq(g_rename(prefix, moved), 0);

	char *find = g_strdup_printf("cd '%s' && find . -type f | LC_ALL=C sort", moved);
	run_result r = run_sh(find);
	g_free(find);
	ck_assert_str_eq(r.out, "./bin/ppsgen\n"
				"./share/bash-completion/completions/ppsgen\n"
				"./share/doc/ppsgen/DejaVu-LICENSE.txt\n"
				"./share/doc/ppsgen/FORMAT.md\n"
				"./share/doc/ppsgen/OFL.txt\n"
				"./share/doc/ppsgen/README.md\n"
				"./share/doc/ppsgen/examples/award-2018.xml\n"
				"./share/doc/ppsgen/examples/sample-statement.xml\n"
				"./share/doc/ppsgen/examples/sample-workforce.csv\n"
				"./share/man/man1/ppsgen.1\n"
				"./share/man/man5/ppsgen-format.5\n"
				"./share/ppsgen/fonts/DejaVuSans-Bold-Minus.ttf\n"
				"./share/ppsgen/fonts/DejaVuSans-Minus.ttf\n"
				"./share/ppsgen/fonts/NotoSans-Bold.ttf\n"
				"./share/ppsgen/fonts/NotoSans-BoldItalic.ttf\n"
				"./share/ppsgen/fonts/NotoSans-Italic.ttf\n"
				"./share/ppsgen/fonts/NotoSans-Regular.ttf\n"
				"./share/ppsgen/templates/labels.xml\n"
				"./share/ppsgen/templates/njc-spine-2024.csv\n"
				"./share/ppsgen/templates/rules-england.xml\n"
				"./share/ppsgen/templates/rules-wales.xml\n"
				"./share/ppsgen/templates/statement.rng\n"
				"./share/ppsgen/templates/style.xml\n");
	run_free(&r);

	/* From another folder, the installed example, no PPSGEN_HOME: the same
	 * bytes as the build tree's program writes. */
	char *bin = g_build_filename(moved, "bin", "ppsgen", NULL);
	char *sample = g_build_filename(moved, "share", "doc", "ppsgen", "examples", "sample-statement.xml", NULL);
	r = run_in(work, NO_HOME, bin, "render", "-o", "out", sample, NULL);
	ck_assert_msg(r.status == 0, "installed render: %s", r.err);
	ck_assert_str_eq(r.out, "out/sample-statement-cy.pdf\nout/sample-statement-en.pdf\n");
	run_free(&r);
	r = run_in(work, NULL, PPSGEN_BIN, "render", "-o", "ref", sample, NULL);
	ck_assert_msg(r.status == 0, "build-tree render: %s", r.err);
	run_free(&r);
	const char *files[] = {"sample-statement-cy.pdf", "sample-statement-en.pdf", NULL};
	for (int i = 0; files[i]; i++) {
		char *a = g_build_filename(work, "out", files[i], NULL), *b = g_build_filename(work, "ref", files[i], NULL);
		assert_same_file(a, b);
		g_free(a);
		g_free(b);
	}

	/* The data moved away: the message says where it looked and what to do;
	 * --data-dir and PPSGEN_HOME find it again. */
	char *data = g_build_filename(moved, "share", "ppsgen", NULL), *aside = g_build_filename(top, "aside", NULL);
	ck_assert_int_eq(g_rename(data, aside), 0);
	r = run_in(work, NO_HOME, bin, "check", sample, NULL);
	ck_assert_int_eq(r.status, 2);
	char *want = g_strdup_printf("ppsgen: error: no templates/style.xml in %s; give --data-dir DIR or set "
				     "PPSGEN_HOME to the folder that holds templates/ and fonts/\n",
				     data);
	ck_assert_str_eq(r.err, want);
	g_free(want);
	run_free(&r);
	char *opt = g_strdup_printf("--data-dir=%s", aside);
	r = run_in(work, NO_HOME, bin, "check", opt, sample, NULL);
	ck_assert_msg(r.status == 0 && strstr(r.err, "sample-statement.xml: ok (0 warnings)"), "--data-dir: %s", r.err);
	run_free(&r);
	char *home = g_strdup_printf("PPSGEN_HOME=%s", aside);
	char *env[] = {home, NULL};
	r = run_in(work, env, bin, "figures", sample, NULL);
	ck_assert_msg(r.status == 0 && strstr(r.out, "\"lowest-salary\""), "PPSGEN_HOME: %s", r.err);
	run_free(&r);

	/* Both manual pages format without a groff warning. */
	char *man1 = g_build_filename(moved, "share", "man", "man1", "ppsgen.1", NULL);
	char *man5 = g_build_filename(moved, "share", "man", "man5", "ppsgen-format.5", NULL);
	r = run_in(NULL, NULL, "groff", "-man", "-ww", "-Tutf8", "-z", man1, man5, NULL);
	ck_assert_msg(r.status == 0, "groff: %s", r.err);
	ck_assert_str_eq(r.err, "");
	run_free(&r);

	g_free(man1), g_free(man5), g_free(home), g_free(opt), g_free(data), g_free(aside);
	g_free(bin), g_free(sample), g_free(cc);
	g_free(top), g_free(src), g_free(build), g_free(prefix), g_free(moved), g_free(work);
}
END_TEST

/* ---- Manual page, --help and completion ----------------------------------- */

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char *sorted_words(GPtrArray *a)
{
	qsort(a->pdata, a->len, sizeof(void *), cmp_str);
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < a->len; i++)
		g_string_append_printf(s, "%s%s", i ? " " : "", (char *)a->pdata[i]);
	g_ptr_array_free(a, TRUE);
	return g_string_free(s, FALSE);
}

/* "-o, --output=DIR" -> "-o" "--output=DIR" into a; with names, the "=ARG"
 * left off. */
static void add_spec(GPtrArray *a, const char *spec, bool names)
{
	gchar **parts = g_strsplit(spec, ", ", -1);
	for (gchar **p = parts; *p; p++) {
		char *w = g_strstrip(g_strdup(*p));
		if (names && strchr(w, '='))
			*strchr(w, '=') = '\0';
		g_ptr_array_add(a, w);
	}
	g_strfreev(parts);
}

/* The options `ppsgen CMD --help` lists under "Application Options". */
static char *help_options(const char *cmd, bool names)
{
	run_result r = run_ppsgen(cmd, "--help", NULL);
	ck_assert_msg(r.status == 0, "%s --help: %s", cmd, r.err);
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	const char *sec = strstr(r.out, "Application Options:\n");
	ck_assert_msg(sec != NULL, "%s --help has no Application Options", cmd);
	gchar **lines = g_strsplit(sec, "\n", -1);
	for (gchar **l = lines + 1; *l && **l; l++) {
		char *spec = g_strstrip(g_strdup(*l));
		char *gap = strstr(spec, "  ");
		ck_assert_msg(gap != NULL, "no description in \"%s\"", *l);
		*gap = '\0';
		add_spec(a, spec, names);
		g_free(spec);
	}
	g_strfreev(lines);
	run_free(&r);
	return sorted_words(a);
}

/* The roff text of a line as a reader sees it: fonts dropped, \- a hyphen. */
static char *plain_roff(const char *l)
{
	GString *s = g_string_new(NULL);
	for (const char *p = l; *p; p++) {
		if (p[0] == '\\' && p[1] == 'f' && p[2])
			p += 2;
		else if (p[0] == '\\' && p[1] == '-')
			g_string_append_c(s, '-'), p++;
		else
			g_string_append_c(s, *p);
	}
	return g_string_free(s, FALSE);
}

/* The option tags (the line after each .TP) of ppsgen.1's ".SS CMD". */
static char *man_options(const char *man, const char *cmd, bool names)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	gchar **lines = g_strsplit(man, "\n", -1);
	bool in = false;
	for (gchar **l = lines; *l; l++) {
		if (g_str_has_prefix(*l, ".SS ") || g_str_has_prefix(*l, ".SH "))
			in = !strcmp(*l + 4, cmd) && g_str_has_prefix(*l, ".SS ");
		else if (in && !strcmp(*l, ".TP") && l[1]) {
			char *tag = plain_roff(l[1]);
			add_spec(a, tag, names);
			g_free(tag);
		}
	}
	g_strfreev(lines);
	return sorted_words(a);
}

/* What the completion offers after "ppsgen CMD -" (bash, the installed script). */
static char *completion_words(const char *words, int cword)
{
	char *script = src_path("completion/ppsgen");
	char *cmd = g_strdup_printf(". '%s'; COMP_WORDS=(%s); COMP_CWORD=%d; _ppsgen; printf '%%s\\n' \"${COMPREPLY[@]}\"",
				    script, words, cword);
	run_result r = run_in(NULL, NULL, "bash", "-c", cmd, NULL);
	ck_assert_msg(r.status == 0, "bash completion: %s", r.err);
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	gchar **w = g_strsplit(g_strstrip(r.out), "\n", -1);
	for (gchar **p = w; *p; p++)
		if (**p)
			g_ptr_array_add(a, g_strdup(*p));
	g_strfreev(w);
	run_free(&r);
	g_free(cmd);
	g_free(script);
	return sorted_words(a);
}

/* The options `ppsgen --help`'s usage gives a command, continuation lines too. */
static char *usage_options(const char *cmd)
{
	run_result r = run_ppsgen("--help", NULL);
	ck_assert_int_eq(r.status, 0);
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	char *head = g_strdup_printf("  ppsgen %s ", cmd);
	gchar **lines = g_strsplit(r.out, "\n", -1);
	bool in = false;
	for (gchar **l = lines; *l; l++) {
		if (g_str_has_prefix(*l, "  ppsgen "))
			in = g_str_has_prefix(*l, head);
		else if (!g_str_has_prefix(*l, "    "))
			in = false;
		if (!in)
			continue;
		gchar **w = g_strsplit_set(*l, " []|", -1);
		for (gchar **p = w; *p; p++)
			if (**p == '-' && !g_ptr_array_find_with_equal_func(a, *p, g_str_equal, NULL))
				g_ptr_array_add(a, g_strdup(*p));
		g_strfreev(w);
	}
	g_strfreev(lines);
	g_free(head);
	run_free(&r);
	return sorted_words(a);
}

START_TEST(manual_and_completion_match_help)
{
	char *path = src_path("man/ppsgen.1");
	char *man = read_file(path, NULL);
	ck_assert_msg(man != NULL, "cannot read %s", path);
	for (int i = 0; COMMANDS[i]; i++) {
		const char *cmd = COMMANDS[i];
		char *help = help_options(cmd, false), *page = man_options(man, cmd, false);
		ck_assert_msg(!strcmp(help, page), "ppsgen.1 %s: \"%s\"\n--help: \"%s\"", cmd, page, help);
		/* The completion offers the same names, and --help. */
		char *names = help_options(cmd, true);
		char *want = g_strdup_printf("%s --help", names);
		GPtrArray *wa = g_ptr_array_new_with_free_func(g_free);
		gchar **ws = g_strsplit(want, " ", -1);
		for (gchar **p = ws; *p; p++)
			g_ptr_array_add(wa, g_strdup(*p));
		g_strfreev(ws);
		char *want_sorted = sorted_words(wa);
		char *words = g_strdup_printf("ppsgen %s -", cmd);
		char *got = completion_words(words, 2);
		ck_assert_msg(!strcmp(got, want_sorted), "completion %s: \"%s\"\n--help: \"%s\"", cmd, got, want_sorted);
		/* ppsgen --help's usage lists every option but -o's long form. */
		char *usage = usage_options(cmd);
		GPtrArray *ua = g_ptr_array_new_with_free_func(g_free);
		gchar **ns = g_strsplit(names, " ", -1);
		for (gchar **p = ns; *p; p++)
			if (strcmp(*p, "--output"))
				g_ptr_array_add(ua, g_strdup(*p));
		g_strfreev(ns);
		char *usage_want = sorted_words(ua);
		ck_assert_msg(!strcmp(usage, usage_want), "ppsgen --help for %s: \"%s\"\n%s --help: \"%s\"", cmd, usage,
			      cmd, usage_want);
		g_free(usage), g_free(usage_want), g_free(got), g_free(words), g_free(want_sorted), g_free(want);
		g_free(names), g_free(help), g_free(page);
	}
	/* The commands: the page's .SS sections, the completion's first word. */
	char *cmds = completion_words("ppsgen ''", 1);
	ck_assert_str_eq(cmds, "--help --version check coverage figures import new render rollover");
	g_free(cmds);
	g_free(man);
	g_free(path);
}
END_TEST

/* ---- ppsgen-format(5) from FORMAT.md ------------------------------------ */

START_TEST(format_page_is_format_md)
{
	/* Every section of FORMAT.md is a section of the page, in order. */
	char *md_path = src_path("templates/FORMAT.md");
	char *md = read_file(md_path, NULL), *page = read_file(PPS_FORMAT_PAGE, NULL);
	ck_assert_msg(md && page, "cannot read %s or %s", md_path, PPS_FORMAT_PAGE);
	const char *at = page;
	int sections = 0;
	gchar **lines = g_strsplit(md, "\n", -1);
	for (gchar **l = lines; *l; l++) {
		if (!g_str_has_prefix(*l, "## "))
			continue;
		char *up = g_utf8_strup(*l + 3, -1);
		char *sh = g_strdup_printf("\n.SH \"%s\"\n", up);
		const char *hit = strstr(at, sh);
		ck_assert_msg(hit != NULL, "ppsgen-format.5 lacks, or has out of order, %s", sh + 1);
		at = hit + 1;
		sections++;
		g_free(sh);
		g_free(up);
	}
	g_strfreev(lines);
	ck_assert_int_eq(sections, 7);

	/* The converter on each construct FORMAT.md uses. */
	char *dir = scratch_dir("md2man");
	char *in = g_build_filename(dir, "in.md", NULL);
	g_file_set_contents(in,
			    "# The format\n\nA `--strict` **bold** path\\x £5.\n.dot at the start\n\n"
			    "## Two words\n\n```xml\n<a b=\"c\"/>\n.x\n```\n\n"
			    "| id | what | note |\n|---|---|---|\n| `a-b` | one | |\n| c | `x|y` | z |\n\n"
			    "- first\n  more\n- second\n",
			    -1, NULL);
	run_result r = run_in(NULL, NULL, MD2MAN_BIN, in, "demo", "7", "demo 1", "a demo", NULL);
	ck_assert_msg(r.status == 0, "md2man: %s", r.err);
	ck_assert_str_eq(r.out, ".\\\" Written by md2man from FORMAT.md: edit that file, not this one.\n"
				".TH DEMO 7 \"\" \"demo 1\"\n"
				".SH NAME\n"
				"demo \\- a demo\n"
				".SH DESCRIPTION\n"
				"The format\n"
				".PP\n"
				"A \\fB\\-\\-strict\\fR \\fBbold\\fR path\\ex \\[u00A3]5.\n"
				"\\&.dot at the start\n"
				".SH \"TWO WORDS\"\n"
				".PP\n.RS 2\n.nf\n"
				"<a b=\"c\"/>\n"
				"\\&.x\n"
				".fi\n.RE\n"
				".PP\n"
				".TP\n\\fBa\\-b\\fR\n.br\nwhat: one\n"
				".TP\nc\n.br\nwhat: \\fBx|y\\fR\n.br\nnote: z\n"
				".IP \\(bu 2\nfirst\nmore\n"
				".IP \\(bu 2\nsecond\n");
	run_free(&r);
	g_free(in), g_free(dir), g_free(md), g_free(page), g_free(md_path);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("install");
	TCase *tc = tcase_create("install");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, installed_copy_runs_from_anywhere);
	tcase_add_test(tc, manual_and_completion_match_help);
	tcase_add_test(tc, format_page_is_format_md);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return run_suite(suite()); }
