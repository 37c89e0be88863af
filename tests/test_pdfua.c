/* test_pdfua.c — every output the README promises, checked as its readers
 * check it: an independent PDF/UA-1 (Matterhorn Protocol) checker, cpdf,
 * must print nothing for each file, and the page furniture must tell the
 * truth ("Page X of Y" with X <= Y, the title of a lone appendix).
 *
 * cpdf lives beside the project at ../shared/tools/cpdf/cpdf (it is AGPL
 * and not ours to ship).  Without it the cpdf test fails under CI (CI set)
 * and says it did not run elsewhere. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define SAMPLE "data/sample-statement.xml"

/* One render: a name for its scratch dir, the input, and its options. */
typedef struct {
	const char *name;
	const char *input;
	const char *args[8];
} output_case;

static const output_case cases[] = {
	{"separate", SAMPLE, {NULL}},
	{"parallel", SAMPLE, {"--layout", "parallel", NULL}},
	{"sequential", SAMPLE, {"--layout", "sequential", NULL}},
	{"appendix-a", SAMPLE, {"--appendix", "A", NULL}},
	{"appendix-all", SAMPLE, {"--appendix", "all", NULL}},
	{"appendix-parallel", SAMPLE, {"--appendix", "B", "--layout", "parallel", NULL}},
	{"agenda", SAMPLE, {"--first-page", "27", "--agenda-item", "4a", "--agenda-appendix", "5", NULL}},
	{"duplex", SAMPLE, {"--duplex", "--layout", "sequential", NULL}},
	{"duplex-parallel", SAMPLE, {"--duplex", "--layout", "parallel", NULL}},
	{"public", SAMPLE, {"--public", "--layout", "parallel", NULL}},
	{"english", "tests/fixtures/english-council.xml", {NULL}},
};

/* Renders case c; returns its PDFs (g_strfreev). */
static char **render_case(const output_case *c)
{
	char *dir = scratch_dir(c->name), *in = src_path(c->input);
	GPtrArray *argv = g_ptr_array_new();
	g_ptr_array_add(argv, PPSGEN_BIN);
	g_ptr_array_add(argv, "render");
	g_ptr_array_add(argv, "-o");
	g_ptr_array_add(argv, dir);
	for (int i = 0; c->args[i]; i++)
		g_ptr_array_add(argv, (gpointer)c->args[i]);
	g_ptr_array_add(argv, in);
	g_ptr_array_add(argv, NULL);
	run_result r = run_argv(NULL, NULL, (char **)argv->pdata);
	ck_assert_msg(r.status == 0, "%s: render failed: %s", c->name, r.err);
	/* render prints each file it writes, one per line */
	char **lines = g_strsplit(g_strstrip(r.out), "\n", -1);
	ck_assert_msg(lines[0] && *lines[0], "%s: render wrote nothing", c->name);
	run_free(&r);
	g_ptr_array_free(argv, TRUE);
	g_free(dir);
	g_free(in);
	return lines;
}

static char *cpdf_path(void) { return src_path("../shared/tools/cpdf/cpdf"); }

START_TEST(cpdf_finds_nothing)
{
	char *cpdf = cpdf_path();
	if (!g_file_test(cpdf, G_FILE_TEST_IS_EXECUTABLE)) {
		ck_assert_msg(!getenv("CI"), "cpdf is missing at %s: CI must run the PDF/UA check", cpdf);
		fprintf(stderr, "test_pdfua: cpdf not found at %s: PDF/UA check NOT run\n", cpdf);
		g_free(cpdf);
		return;
	}
	const output_case *c = &cases[_i];
	char **pdfs = render_case(c);
	int n = 0;
	for (int i = 0; pdfs[i]; i++) {
		if (!g_str_has_suffix(pdfs[i], ".pdf"))
			continue;
		char *cmd = g_strdup_printf("'%s' -verify 'PDF/UA-1(matterhorn)' '%s'", cpdf, pdfs[i]);
		run_result r = run_sh(cmd);
		ck_assert_msg(r.status == 0, "%s: cpdf failed to run on %s: %s", c->name, pdfs[i], r.err);
		ck_assert_msg(r.out[0] == '\0', "%s: %s is not PDF/UA-1:\n%s", c->name, pdfs[i], r.out);
		run_free(&r);
		g_free(cmd);
		n++;
	}
	ck_assert_msg(n > 0, "%s: no PDF written", c->name);
	g_strfreev(pdfs);
	g_free(cpdf);
}
END_TEST

/* "Page X of Y" / "Tudalen X o Y": X never above Y; with --first-page the
 * pack's total is unknown, so no "of" at all. */
START_TEST(page_numbers_true)
{
	const output_case *c = &cases[_i];
	char **pdfs = render_case(c);
	GRegex *re = g_regex_new("(?:Page|Tudalen) (\\d+) (?:of|o) (\\d+)", 0, 0, NULL);
	bool agenda = strcmp(c->name, "agenda") == 0;
	int seen = 0;
	for (int i = 0; pdfs[i]; i++) {
		if (!g_str_has_suffix(pdfs[i], ".pdf"))
			continue;
		char *text = pdf_text(pdfs[i], 0);
		GMatchInfo *mi;
		g_regex_match(re, text, 0, &mi);
		while (g_match_info_matches(mi)) {
			char *x = g_match_info_fetch(mi, 1), *y = g_match_info_fetch(mi, 2);
			ck_assert_msg(!agenda, "%s: an agenda pack page says \"of %s\"", c->name, y);
			ck_assert_msg(atoi(x) <= atoi(y), "%s: %s reads \"Page %s of %s\"", c->name, pdfs[i], x, y);
			seen++;
			g_free(x);
			g_free(y);
			g_match_info_next(mi, NULL);
		}
		g_match_info_free(mi);
		if (agenda)
			ck_assert_msg(strstr(text, "Page 27") || strstr(text, "Tudalen 27"),
				      "agenda: %s: the first body page is not page 27", pdfs[i]);
		g_free(text);
	}
	if (!agenda)
		ck_assert_msg(seen > 0, "%s: no page numbers found", c->name);
	g_regex_unref(re);
	g_strfreev(pdfs);
}
END_TEST

/* The sequential document counts one run of pages: its last footer is
 * "Page N of N". */
START_TEST(sequential_last_page_is_the_total)
{
	char **pdfs = render_case(&cases[2]);
	int n = pdf_pages(pdfs[0]);
	char *text = pdf_text(pdfs[0], n);
	GRegex *re = g_regex_new("Page (\\d+) of (\\d+)", 0, 0, NULL);
	GMatchInfo *mi;
	ck_assert_msg(g_regex_match(re, text, 0, &mi), "last page has no English page number:\n%s", text);
	char *x = g_match_info_fetch(mi, 1), *y = g_match_info_fetch(mi, 2);
	ck_assert_str_eq(x, y);
	g_free(x);
	g_free(y);
	g_match_info_free(mi);
	g_regex_unref(re);
	g_free(text);
	g_strfreev(pdfs);
}
END_TEST

/* A lone appendix is titled as itself, in the document's languages. */
START_TEST(appendix_title)
{
	char **pdfs = render_case(&cases[5]);
	char *cmd = g_strdup_printf("pdfinfo '%s' | sed -n 's/^Title: *//p'", pdfs[0]);
	run_result r = run_sh(cmd);
	ck_assert_msg(g_str_has_prefix(r.out, "Atodiad B – ") && strstr(r.out, " / Appendix B – Chief Executive"),
		      "title: %s", r.out);
	run_free(&r);
	g_free(cmd);
	g_strfreev(pdfs);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pdfua");
	TCase *tc = tcase_create("outputs");
	tcase_set_timeout(tc, 300);
	int n = (int)G_N_ELEMENTS(cases);
	tcase_add_loop_test(tc, cpdf_finds_nothing, 0, n);
	tcase_add_loop_test(tc, page_numbers_true, 0, n);
	tcase_add_test(tc, sequential_last_page_is_the_total);
	tcase_add_test(tc, appendix_title);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
