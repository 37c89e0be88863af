/* test_options.c — what clerks, web editors and translators ask of render,
 * check and coverage, read back from the outputs: single appendices, agenda
 * numbering, page labels, agenda line, duplex padding, draft and approval
 * lines in both languages, exempt appendices, year-on-year changes, the
 * coverage report, strict languages, and the compliance table's pages. */
#include <check.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define SAMPLE "data/sample-statement.xml"

static char *out_file(const char *dir, const char *name) { return g_build_filename(dir, name, NULL); }

/* Text with every run of white space made one space (lines wrap). */
static char *squeezed(const char *pdf, int page)
{
	char *t = pdf_text(pdf, page);
	GRegex *ws = g_regex_new("\\s+", 0, 0, NULL);
	char *s = g_regex_replace_literal(ws, t, -1, 0, " ", 0, NULL);
	g_regex_unref(ws);
	g_free(t);
	return s;
}

/* Text in drawing order with no white space at all: rotated watermark
 * letters come out one per line. */
static char *raw_letters(const char *pdf, int page)
{
	char *cmd = g_strdup_printf("pdftotext -raw -f %d -l %d '%s' - | tr -d ' \\n\\f'", page, page, pdf);
	run_result r = run_sh(cmd);
	g_free(cmd);
	g_free(r.err);
	return r.out;
}

/* Runs ppsgen render with args (NULL-terminated) into a fresh directory. */
static char *render_args(const char *name, const char *statement, ...)
{
	char *dir = scratch_dir(name), *in = src_path(statement);
	GPtrArray *a = g_ptr_array_new();
	g_ptr_array_add(a, PPSGEN_BIN);
	g_ptr_array_add(a, "render");
	g_ptr_array_add(a, "-o");
	g_ptr_array_add(a, dir);
	va_list ap;
	va_start(ap, statement);
	for (const char *s; (s = va_arg(ap, const char *));)
		g_ptr_array_add(a, (gpointer)s);
	va_end(ap);
	g_ptr_array_add(a, in);
	g_ptr_array_add(a, NULL);
	run_result r = run_argv(NULL, NULL, (char **)a->pdata);
	ck_assert_msg(r.status == 0, "render failed (%d): %s", r.status, r.err);
	run_free(&r);
	g_ptr_array_free(a, TRUE);
	g_free(in);
	return dir;
}

/* A copy of the sample with one substitution, in its own directory (the
 * workforce CSV beside it). */
static char *variant_in(const char *name, const char *from, const char *to)
{
	char *dir = scratch_dir(name);
	char *path = sample_variant(dir, "statement.xml", from, to, NULL);
	g_free(dir);
	return path;
}

START_TEST(single_appendix)
{
	char *dir = render_args("appendix", SAMPLE, "--appendix", "A", NULL);
	char *en = out_file(dir, "sample-statement-appendix-A-en.pdf"), *cy = out_file(dir, "sample-statement-appendix-A-cy.pdf");
	char *t = pdf_text(en, 1);
	ck_assert_msg(strstr(t, "Appendix A – NJC Pay Scales"), "%s", t);
	ck_assert(strstr(t, "15,375"));
	ck_assert(!strstr(t, "Contents"));
	g_free(t);
	t = pdf_text(cy, 1);
	ck_assert_msg(strstr(t, "Atodiad A – "), "%s", t);
	g_free(t);
	/* Nothing else of the statement is in it. */
	t = pdf_text(en, 0);
	ck_assert(!strstr(t, "Leader's Introduction"));
	g_free(t);
	g_free(en);
	g_free(cy);
	g_free(dir);
	dir = render_args("options-appendix-all", SAMPLE, "--appendix", "all", "--lang", "en", NULL);
	GDir *d = g_dir_open(dir, 0, NULL);
	int n = 0;
	for (const char *f; (f = g_dir_read_name(d));)
		n += g_str_has_prefix(f, "sample-statement-appendix-") && g_str_has_suffix(f, "-en.pdf");
	g_dir_close(d);
	ck_assert_int_eq(n, 14);
	g_free(dir);
}
END_TEST

START_TEST(agenda_pack_numbering)
{
	char *dir = render_args("firstpage", SAMPLE, "--lang", "cy", "--first-page", "27", "--agenda-item", "4a",
				"--agenda-appendix", "5", NULL);
	char *pdf = out_file(dir, "sample-statement-cy.pdf");
	/* Printed numbers: the body's first page is 27. */
	qpdf_data q = qpdf_init();
	ck_assert(qpdf_read(q, pdf, NULL) == QPDF_SUCCESS);
	/* One decimal range: the cover is the pack's page 27, the contents 28,
	 * and the body goes on from there (the contents say so). */
	qpdf_oh nums = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/PageLabels"), "/Nums");
	ck_assert_int_eq(qpdf_oh_get_array_n_items(q, nums), 2);
	qpdf_oh lab = qpdf_oh_get_array_item(q, nums, 1);
	ck_assert_str_eq(qpdf_oh_get_name(q, qpdf_oh_get_key(q, lab, "/S")), "/D");
	ck_assert_int_eq(qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, lab, "/St")), 27);
	qpdf_cleanup(&q);
	char *toc = pdf_text(pdf, 2);
	ck_assert_msg(strstr(toc, "Tudalen 28"), "%s", toc);
	ck_assert(g_regex_match_simple("Cyflwyniad gan yr Arweinydd +29\\b", toc, 0, 0));
	g_free(toc);
	int body = 2;
	char *t = pdf_text(pdf, body + 1);
	/* An agenda pack's own total is unknown to us: "Tudalen 29", no "o 44". */
	ck_assert_msg(strstr(t, "Tudalen 29\n") || strstr(t, "Tudalen 29 \n"), "%s", t);
	ck_assert_msg(!strstr(t, "Tudalen 29 o "), "%s", t);
	/* The agenda line in the running header, in Welsh. */
	ck_assert_msg(strstr(t, "Atodiad 5 i eitem 4a ar yr agenda"), "%s", t);
	g_free(t);
	/* ... and on the cover, the page the committee opens first. */
	t = pdf_text(pdf, 1);
	ck_assert_msg(strstr(t, "Atodiad 5 i eitem 4a ar yr agenda"), "cover: %s", t);
	g_free(t);
	g_free(pdf);
	g_free(dir);
	/* Parallel: both languages' agenda line, Welsh first, on the cover too. */
	dir = render_args("firstpage-par", SAMPLE, "--layout", "parallel", "--first-page", "27", "--agenda-item", "4a",
			  "--agenda-appendix", "5", NULL);
	pdf = out_file(dir, "sample-statement-parallel.pdf");
	for (int pg = 1; pg <= 5; pg += 4) {
		t = pdf_text(pdf, pg);
		GRegex *sp = g_regex_new("\\s+", 0, 0, NULL); /* the header may wrap */
		char *one = g_regex_replace_literal(sp, t, -1, 0, " ", 0, NULL);
		ck_assert_msg(strstr(one, "Atodiad 5 i eitem 4a ar yr agenda / Appendix 5 to agenda item 4a"), "page %d: %s", pg, one);
		g_free(one);
		g_regex_unref(sp);
		g_free(t);
	}
	g_free(pdf);
	g_free(dir);
	/* The agenda system numbers the pages itself. */
	dir = render_args("nonumbers", SAMPLE, "--lang", "en", "--no-page-numbers", NULL);
	pdf = out_file(dir, "sample-statement-en.pdf");
	t = pdf_text(pdf, 0);
	ck_assert(!strstr(t, "Page 1 of"));
	g_free(t);
	g_free(pdf);
	g_free(dir);
}
END_TEST

START_TEST(duplex_blank_pages)
{
	char *dir = render_args("duplex", SAMPLE, "--layout", "sequential", "--duplex", NULL);
	char *pdf = out_file(dir, "sample-statement-sequential.pdf");
	int pages = pdf_pages(pdf), blanks = 0;
	for (int p = 1; p <= pages; p++) {
		char *t = pdf_text(pdf, p);
		if (strstr(t, "This page is intentionally left blank") || strstr(t, "Gadawyd y dudalen hon yn wag yn fwriadol")) {
			blanks++;
			/* A padding page is followed by the start of a part (odd page). */
			ck_assert_msg(p % 2 == 0, "blank page %d would not put the next part on a right-hand page", p);
		}
		/* Every part starts on an odd page: cover pages and first body pages. */
		if (strstr(t, "Tudalen 1 o ") || strstr(t, "Financial year 2018-19"))
			ck_assert_msg(p % 2 == 1, "a part starts on page %d, a left-hand page", p);
		g_free(t);
	}
	g_free(pdf);
	g_free(dir);
	/* Without --duplex some part starts on a left-hand page, so the padding
	 * above was needed (and happened). */
	dir = render_args("simplex", SAMPLE, "--layout", "sequential", NULL);
	pdf = out_file(dir, "sample-statement-sequential.pdf");
	pages = pdf_pages(pdf);
	int even_starts = 0;
	for (int p = 1; p <= pages; p++) {
		char *t = pdf_text(pdf, p);
		if (strstr(t, "Tudalen 1 o ") || strstr(t, "Financial year 2018-19"))
			even_starts += p % 2 == 0;
		g_free(t);
	}
	ck_assert_msg(even_starts == 0 || blanks >= 1, "%d parts start on left-hand pages and duplex added no blank page",
		      even_starts);
	ck_assert_msg(even_starts > 0 || blanks == 0, "duplex added %d blank pages that were not needed", blanks);
	g_free(pdf);
	g_free(dir);
}
END_TEST

START_TEST(draft_and_approval_lines)
{
	/* Approved: the approval line and version, in both languages. */
	char *dir = render_args("approved", SAMPLE, NULL);
	char *en = out_file(dir, "sample-statement-en.pdf"), *cy = out_file(dir, "sample-statement-cy.pdf");
	char *t = pdf_text(en, 1);
	ck_assert(strstr(t, "Approved by full Council on 27 February 2018"));
	ck_assert(strstr(t, "Version 1.0"));
	ck_assert(strstr(t, "This document is also available in Welsh."));
	g_free(t);
	t = pdf_text(cy, 1);
	ck_assert(strstr(t, "Cymeradwywyd gan y Cyngor llawn ar 27 Chwefror 2018"));
	ck_assert(strstr(t, "Fersiwn 1.0"));
	ck_assert(strstr(t, "Mae\u2019r ddogfen hon hefyd ar gael yn Saesneg."));
	ck_assert(!strstr(t, "DRAFFT"));
	g_free(t);
	g_free(en);
	g_free(cy);
	g_free(dir);
	/* Draft: the watermark in each language. */
	char *variant = variant_in("draft", "status=\"approved\"", "status=\"draft\"");
	char *vdir = g_path_get_dirname(variant);
	char *out = g_build_filename(vdir, "out", NULL);
	run_result r = run_ppsgen("render", "-o", out, variant, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	cy = out_file(out, "statement-cy.pdf");
	en = out_file(out, "statement-en.pdf");
	t = raw_letters(cy, 3);
	ck_assert_msg(strstr(t, "DRAFFT"), "no DRAFFT watermark: %s", t);
	g_free(t);
	t = raw_letters(en, 3);
	ck_assert(strstr(t, "DRAFT"));
	g_free(t);
	g_free(cy);
	g_free(en);
	g_free(out);
	g_free(vdir);
	g_free(variant);
}
END_TEST

START_TEST(exempt_appendix)
{
	char *variant = variant_in("exempt", "letter=\"M\"", "letter=\"M\" exempt=\"yes\" exempt-paragraph=\"1\"");
	char *vdir = g_path_get_dirname(variant);
	char *out = g_build_filename(vdir, "out", NULL);
	run_result r = run_ppsgen("render", "-o", out, "--public", "--lang", "en", variant, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char *en = out_file(out, "statement-en.pdf");
	char *t = squeezed(en, 0);
	ck_assert(strstr(t, "Appendix M is not published: it is exempt information under paragraph 1 of Schedule 12A to the Local Government Act 1972."));
	g_free(t);
	g_free(en);
	g_free(out);
	g_free(vdir);
	g_free(variant);
}
END_TEST

START_TEST(year_on_year)
{
	char *dir = scratch_dir("previous");
	char *in = src_path(SAMPLE), *award = src_path("data/award-2018.xml");
	/* Next year's data from the 2018 award, beside the sample's workforce. */
	char *next = g_build_filename(PPS_SOURCE_DIR, "data", ".tmp-next-test.xml", NULL);
	run_result r = run_ppsgen("rollover", in, "--award", award, "-o", next, NULL);
	ck_assert_msg(r.status == 0, "rollover: %s", r.err);
	run_free(&r);
	r = run_ppsgen("render", "-o", dir, "--lang", "en", "--previous", in, next, NULL);
	ck_assert_msg(r.status == 0, "render --previous: %s", r.err);
	run_free(&r);
	char *pdf = out_file(dir, ".tmp-next-test-en.pdf");
	char *t = pdf_text(pdf, 0);
	ck_assert(strstr(t, "Changes since 2018-19"));
	/* SCP 20 gets 2%: £19,430 -> £19,819. */
	GRegex *re = g_regex_new("point 20\\s+£19,430\\s+£19,819\\s+\\+2\\.0%", 0, 0, NULL);
	ck_assert_msg(g_regex_match(re, t, 0, NULL), "no change row for point 20");
	g_regex_unref(re);
	g_free(t);
	/* The parallel layout has the table too, full width, in both languages. */
	r = run_ppsgen("render", "-o", dir, "--layout", "parallel", "--previous", in, next, NULL);
	ck_assert_msg(r.status == 0, "render --previous --layout parallel: %s", r.err);
	run_free(&r);
	char *par = out_file(dir, ".tmp-next-test-parallel.pdf");
	t = pdf_text(par, 0);
	ck_assert_msg(strstr(t, "Newidiadau ers 2018-19 / Changes since 2018-19"), "no bilingual changes title");
	ck_assert(strstr(t, "£19,819"));
	g_free(t);
	g_free(par);
	g_unlink(next);
	g_free(pdf);
	g_free(next);
	g_free(award);
	g_free(in);
	g_free(dir);
}
END_TEST

START_TEST(coverage_report)
{
	char *in = src_path("tests/fixtures/gaps.xml");
	run_result r = run_ppsgen("coverage", in, NULL);
	ck_assert_int_eq(r.status, 0);
	char *expect = g_strdup_printf("%s:14:5: intro: p has no Welsh (cy) text\n"
				       "%s:17:7: intro: item has no English (en) text\n"
				       "%s:21:5: pay: title has no Welsh (cy) text\n"
				       "%s:26:12: pay: cell has no English (en) text\n"
				       "4 texts are missing a declared language\n",
				       in, in, in, in);
	ck_assert_str_eq(r.out, expect);
	g_free(expect);
	run_free(&r);
	/* --strict-languages refuses the statement, listing the gaps. */
	char *dir = scratch_dir("strictlang");
	r = run_ppsgen("render", "--strict-languages", "-o", dir, in, NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert(strstr(r.err, "gaps.xml:14:5: error: p (in intro) has no Welsh (cy) text; translate it, or render without --strict-languages"));
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	/* Without it, it renders; the sample's gaps are only in English-only appendices. */
	r = run_ppsgen("render", "-o", dir, in, NULL);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	g_free(dir);
	g_free(in);
}
END_TEST

/* The sample covers every topic of its jurisdiction, under --strict. */
START_TEST(sample_passes_strict)
{
	char *in = src_path(SAMPLE);
	run_result r = run_ppsgen("check", "--strict", in, NULL);
	ck_assert_msg(r.status == 0, "check --strict: %s", r.err);
	ck_assert(!strstr(r.err, "error:"));
	run_free(&r);
	g_free(in);
}
END_TEST

/* The compliance table's page references are true in the rendered PDF:
 * "14.2 The Relationship between ..., page 18" -> page 18's text has 14.2. */
START_TEST(compliance_pages_true)
{
	char *dir = render_args("compliance", SAMPLE, "--lang", "en", NULL);
	char *pdf = out_file(dir, "sample-statement-en.pdf");
	int pages = pdf_pages(pdf), checked = 0;
	char **page = g_new0(char *, (size_t)pages + 1);
	for (int p = 1; p <= pages; p++)
		page[p] = squeezed(pdf, p);
	/* Cells in drawing order: each "where" cell's lines stay together. */
	GRegex *row = g_regex_new("(?:^|\\s)(\\d+(?:\\.\\d+)?) ([A-Z][^,;]+?),\\s+page\\s+(\\d+)", 0, 0, NULL);
	/* Appendix N, the last, from its first page to the end. */
	int first = 0;
	for (int p = 1; p <= pages && !first; p++)
		if (strstr(page[p], "Appendix N – Compliance") && strstr(page[p], "Where"))
			first = p;
	ck_assert(first);
	for (int p = first; p <= pages; p++) {
		char *cmd = g_strdup_printf("pdftotext -raw -f %d -l %d '%s' -", p, p, pdf);
		run_result r = run_sh(cmd);
		g_free(cmd);
		GMatchInfo *mi;
		g_regex_match(row, r.out, 0, &mi);
		while (g_match_info_matches(mi)) {
			char *num = g_match_info_fetch(mi, 1), *pg = g_match_info_fetch(mi, 3);
			char *footer = g_strdup_printf("Page %s of", pg);
			int found = 0;
			for (int k = 1; k <= pages && !found; k++)
				if (strstr(page[k], footer))
					found = k;
			ck_assert_msg(found, "no page %s", pg);
			/* That page carries the numbered heading. */
			char *head = g_strdup_printf(" %s ", num);
			ck_assert_msg(strstr(page[found], head), "section %s is not on page %s", num, pg);
			g_free(head);
			g_free(footer);
			g_free(num);
			g_free(pg);
			checked++;
			g_match_info_next(mi, NULL);
		}
		g_match_info_free(mi);
		run_free(&r);
	}
	ck_assert_msg(checked >= 18, "only %d compliance references checked", checked);
	g_regex_unref(row);
	for (int p = 1; p <= pages; p++)
		g_free(page[p]);
	g_free(page);
	g_free(pdf);
	g_free(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("options");
	TCase *tc = tcase_create("options");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, single_appendix);
	tcase_add_test(tc, agenda_pack_numbering);
	tcase_add_test(tc, duplex_blank_pages);
	tcase_add_test(tc, draft_and_approval_lines);
	tcase_add_test(tc, exempt_appendix);
	tcase_add_test(tc, year_on_year);
	tcase_add_test(tc, coverage_report);
	tcase_add_test(tc, sample_passes_strict);
	tcase_add_test(tc, compliance_pages_true);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
