/* test_import_lo.c — `ppsgen import` on a document a real word processor
 * wrote: the sample rendered as HTML, converted to .docx by LibreOffice
 * (soffice --headless), imported back.  Every section and appendix title
 * comes back in order, behind the "Front page" that holds the HTML's header,
 * the pay scale tables come back as scales, and the result checks and
 * renders.  Without soffice (Debian's libreoffice-writer-nogui) the test is
 * skipped, and says so (ctest: exit 77). */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "testutil.h"

/* Titles of sections and appendices, in document order, in language lang
 * (the <cy>/<en> child, else the title itself). */
static void titles(xmlNode *n, const char *lang, GPtrArray *out)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((char *)c->name, "section") || !strcmp((char *)c->name, "appendix")) {
			for (xmlNode *t = c->children; t; t = t->next)
				if (t->type == XML_ELEMENT_NODE && !strcmp((char *)t->name, "title")) {
					xmlNode *en = t->children;
					while (en && !(en->type == XML_ELEMENT_NODE && !strcmp((char *)en->name, lang)))
						en = en->next;
					xmlChar *s = xmlNodeGetContent(en ? en : t);
					char **w = g_strsplit_set((char *)s, " \t\n", -1);
					GString *j = g_string_new(NULL);
					for (char **p = w; *p; p++)
						if (**p)
							g_string_append_printf(j, "%s%s", j->len ? " " : "", *p);
					g_ptr_array_add(out, g_string_free(j, FALSE));
					g_strfreev(w);
					xmlFree(s);
					break;
				}
			titles(c, lang, out);
		}
	}
}

static GPtrArray *file_titles(const char *path, const char *lang)
{
	xmlDoc *d = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(d);
	GPtrArray *t = g_ptr_array_new_with_free_func(g_free);
	titles(xmlDocGetRootElement(d), lang, t);
	xmlFreeDoc(d);
	return t;
}

START_TEST(round_trip)
{
	char *dir = scratch_dir("import-lo");
	char *sample = src_path("data/sample-statement.xml");
	run_result r = run_ppsgen("render", "--format", "html", "--lang", "en", "-o", dir, sample, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char *html = g_build_filename(dir, "sample-statement-en.html", NULL);
	char *profile = g_strdup_printf("-env:UserInstallation=file://%s/lo-profile", dir);
	char *home = g_strdup_printf("HOME=%s", dir);
	char *argv[] = {"soffice", profile, "--headless", "--infilter=HTML (StarWriter)", "--convert-to",
			"docx:MS Word 2007 XML", "--outdir", dir, html, NULL};
	char *env[] = {home, NULL};
	r = run_argv(dir, env, argv);
	char *docx = g_build_filename(dir, "sample-statement-en.docx", NULL);
	ck_assert_msg(r.status == 0 && g_file_test(docx, G_FILE_TEST_IS_REGULAR), "soffice: %s %s", r.out, r.err);
	run_free(&r);

	char *xml = g_build_filename(dir, "imported.xml", NULL);
	r = run_ppsgen("import", docx, "-o", xml, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	/* The sample's five pay scale tables (NJC, two Soulbury, two JNC youth). */
	for (int i = 1; i <= 5; i++) {
		char *n = g_strdup_printf("note: the table is read as pay scale \"scale-%d\"", i);
		ck_assert_msg(strstr(r.err, n), "%s", r.err);
		g_free(n);
	}
	ck_assert_msg(strstr(r.err, "warning: the section \"Contents\" is taken for a table of contents and left out"),
		      "%s", r.err);
	run_free(&r);

	GPtrArray *want = file_titles(sample, "en"), *got = file_titles(xml, "en");
	ck_assert_int_gt(want->len, 50);
	ck_assert_str_eq(got->pdata[0], "Front page");
	ck_assert_int_eq(got->len, want->len + 1);
	for (guint i = 0; i < want->len; i++)
		ck_assert_str_eq(got->pdata[i + 1], want->pdata[i]);

	gsize len;
	char *text = read_file(xml, &len);
	ck_assert_ptr_nonnull(strstr(text, "<name>Example County Council</name>"));
	ck_assert_ptr_nonnull(strstr(text, "<year start=\"2018\"/>"));
	ck_assert_ptr_nonnull(strstr(text, "<point n=\"9\" salary=\"15375\">"));

	r = run_ppsgen("check", xml, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char *out = g_build_filename(dir, "out", NULL);
	r = run_ppsgen("render", "-o", out, xml, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *pdf = g_build_filename(out, "imported-en.pdf", NULL);
	char *pt = pdf_text(pdf, 0);
	ck_assert_msg(strstr(pt, "Collective Bargaining Arrangements with Trade Unions"), "%s", pt);
	run_free(&r);
}
END_TEST

/* The Welsh and the English HTML through LibreOffice, imported as a pair:
 * every title comes back in both languages, and the statement checks and
 * renders side by side. */
START_TEST(bilingual_round_trip)
{
	char *dir = scratch_dir("import-lo-pair");
	char *sample = src_path("data/sample-statement.xml");
	run_result r = run_ppsgen("render", "--format", "html", "-o", dir, sample, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char *cyh = g_build_filename(dir, "sample-statement-cy.html", NULL);
	char *enh = g_build_filename(dir, "sample-statement-en.html", NULL);
	char *profile = g_strdup_printf("-env:UserInstallation=file://%s/lo-profile", dir);
	char *home = g_strdup_printf("HOME=%s", dir);
	char *argv[] = {"soffice", profile, "--headless", "--infilter=HTML (StarWriter)", "--convert-to",
			"docx:MS Word 2007 XML", "--outdir", dir, cyh, enh, NULL};
	char *env[] = {home, NULL};
	r = run_argv(dir, env, argv);
	ck_assert_msg(r.status == 0, "soffice: %s %s", r.out, r.err);
	run_free(&r);
	char *cy = g_build_filename(dir, "sample-statement-cy.docx", NULL);
	char *en = g_build_filename(dir, "sample-statement-en.docx", NULL);
	char *xml = g_build_filename(dir, "pair.xml", NULL);
	r = run_ppsgen("import", "--cy", cy, "--en", en, "-o", xml, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_msg(!strstr(r.err, "the Welsh document has"), "%s", r.err);
	run_free(&r);
	const char *langs[] = {"cy", "en"};
	for (int l = 0; l < 2; l++) {
		GPtrArray *want = file_titles(sample, langs[l]), *got = file_titles(xml, langs[l]);
		ck_assert_str_eq(got->pdata[0], l ? "Front page" : "Tudalen flaen");
		ck_assert_int_eq(got->len, want->len + 1);
		for (guint i = 0; i < want->len; i++)
			ck_assert_str_eq(got->pdata[i + 1], want->pdata[i]);
	}
	gsize len;
	char *text = read_file(xml, &len);
	ck_assert_ptr_nonnull(strstr(text, "languages=\"cy en\" jurisdiction=\"wales\""));
	ck_assert_ptr_nonnull(strstr(text, "<title><cy>Datganiad Polisi Tâl</cy><en>Pay Policy Statement</en></title>"));
	r = run_ppsgen("check", xml, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char *out = g_build_filename(dir, "out", NULL);
	r = run_ppsgen("render", "--layout", "parallel", "-o", out, xml, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
}
END_TEST

int main(void)
{
	char *soffice = g_find_program_in_path("soffice");
	if (!soffice) {
		printf("SKIPPED: soffice (LibreOffice, Debian's libreoffice-writer-nogui) is not installed, so the "
		       "round trip through a real word processor did not run\n");
		return 77;
	}
	g_free(soffice);
	Suite *s = suite_create("import-libreoffice");
	TCase *tc = tcase_create("import-libreoffice");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, bilingual_round_trip);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
