/* test_read.c — the statement reader: what the model holds, where each
 * element came from, and the exact message for each schema or model error. */
#include <check.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "template.h"
#include "testutil.h"
#include "xml_read.h"

static char *schema(void) { return src_path("templates/statement.rng"); }

static pps_doc *read_fixture(const char *rel, diag_ctx *dc)
{
	char *p = src_path(rel), *s = schema();
	pps_doc *d = xml_read_statement(p, s, dc);
	g_free(p);
	g_free(s);
	return d;
}

/* Reads XML text written to a scratch file; returns the printed messages. */
static char *messages_for(const char *xml, pps_doc **out)
{
	char *dir = scratch_dir("read");
	char *path = g_build_filename(dir, "bad.xml", NULL);
	g_file_set_contents(path, xml, -1, NULL);
	diag_ctx dc;
	diag_init(&dc);
	char *s = schema();
	pps_doc *d = xml_read_statement(path, s, &dc);
	g_free(s);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	diag_print(&dc, f);
	fclose(f);
	/* Messages name the file: make them relative for comparison. */
	char *prefix = g_strdup_printf("%s/", dir);
	GString *g = g_string_new(buf);
	for (char *hit; (hit = strstr(g->str, prefix));)
		g_string_erase(g, hit - g->str, (gssize)strlen(prefix));
	free(buf);
	g_free(prefix);
	if (out)
		*out = d;
	else
		doc_free(d);
	diag_clear(&dc);
	g_free(path);
	g_free(dir);
	return g_string_free(g, FALSE);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<statement version=\"1\">\n<council><name>C</name></council>\n<year start=\"2019\"/>\n"
#define SECT "<section id=\"s\"><title>T</title><p>x</p></section>\n"

START_TEST(english_council_model)
{
	diag_ctx dc;
	diag_init(&dc);
	pps_doc *d = read_fixture("tests/fixtures/english-council.xml", &dc);
	ck_assert_msg(d != NULL, "fixture must read cleanly");
	ck_assert_int_eq(dc.nerrors, 0);
	ck_assert_int_eq(d->nlangs, 1);
	ck_assert_int_eq(d->langs[0], LANG_EN);
	ck_assert_str_eq(d->jurisdiction, "england");
	ck_assert_int_eq(d->year_start, 2019);
	ck_assert(!d->approved_status);
	ck_assert_int_eq(d->nscales, 1);
	const pps_scale *s = model_scale(d, "local");
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->npoints, 6);
	ck_assert_int_eq(s->points[0].salary[0], 1736400); /* pence */
	ck_assert_int_eq(s->ngrades, 2);
	ck_assert_int_eq(s->grades[1].score_from, 250);
	ck_assert_int_eq(s->hours_x100, 3700);
	ck_assert_int_eq(d->weeks_x1000, 52143);
	ck_assert_int_eq(d->nlw_e4, 82100);
	const pps_post *ce = model_chief_executive(d);
	ck_assert_ptr_nonnull(ce);
	ck_assert_int_eq(ce->npoints, 3);
	ck_assert_int_eq(ce->holders[0].salary, 10400000);
	ck_assert_int_eq(d->workforce.stated_median, 2150000);
	ck_assert_int_eq(d->nmultiples, 2);
	ck_assert(d->multiples[0].one_first);
	ck_assert(d->multiples[1].spaced);
	ck_assert_int_eq(d->nsections, 2);
	ck_assert_str_eq(d->sections[1].number, "2");
	ck_assert_int_eq(d->nappendices, 1);
	ck_assert_str_eq(d->appendices[0].letter, "A");
	/* Positions: the second section starts on line 56, column 3. */
	ck_assert_int_eq(d->sections[1].pos.line, 56);
	ck_assert_int_eq(d->sections[1].pos.col, 3);
	/* Inline text: a link run and a figure reference, white space collapsed. */
	const pps_text *t = ml_text(&d->sections[0].blocks[0].text, LANG_EN);
	bool link = false, fig = false;
	for (int i = 0; i < t->n; i++) {
		link |= t->runs[i].href && strstr(t->runs[i].href, "legislation.gov.uk");
		fig |= t->runs[i].kind == RUN_FIG && !strcmp(t->runs[i].ref, "median");
		if (t->runs[i].kind == RUN_TEXT)
			ck_assert_msg(!strstr(t->runs[i].text, "  "), "white space collapsed: '%s'", t->runs[i].text);
	}
	ck_assert(link && fig);
	/* A nested ordered list inside the second item. */
	const pps_block *l = &d->sections[0].blocks[1];
	ck_assert_int_eq(l->kind, BLK_LIST);
	ck_assert_int_eq(l->nitems, 2);
	ck_assert_int_eq(l->items[1].nsub, 1);
	ck_assert(l->items[1].sub[0].ordered);
	/* Children in document order. */
	ck_assert_str_eq(d->sections[0].order, "bbb");
	doc_free(d);
	diag_clear(&dc);
}
END_TEST

START_TEST(nfc_and_welsh)
{
	/* w + combining circumflex (U+0302) becomes ŵ (U+0175). */
	pps_doc *d = NULL;
	char *m = messages_for(HEAD "<section id=\"s\"><title>T</title><p>Gw\xcc\x82yl a T\xc5\xb7</p></section></statement>", &d);
	ck_assert_str_eq(m, "");
	ck_assert_ptr_nonnull(d);
	const pps_text *t = ml_text(&d->sections[0].blocks[0].text, LANG_EN);
	ck_assert_str_eq(t->runs[0].text, "G\xc5\xb5yl a T\xc5\xb7");
	doc_free(d);
	g_free(m);
}
END_TEST

static const struct {
	const char *xml;
	const char *expect;
} bad[] = {
	/* not well-formed */
	{HEAD "<section id=\"s\"><title>T</title><p>x</section></statement>",
	 "bad.xml:5:47: error: </section> closes <p>, which was opened at line 5; close <p> first, or correct the tag name\n"},
	/* schema: an element the format does not have */
	{HEAD "<section id=\"s\"><title>T</title><para>x</para></section></statement>",
	 "bad.xml:5:33: error: <para> is not allowed here; check its spelling and its place (the format is described in templates/FORMAT.md)\n"},
	/* DOCTYPE / entities are refused before anything is expanded */
	{"<?xml version=\"1.0\"?>\n<!DOCTYPE statement [<!ENTITY x \"y\">]>\n<statement version=\"1\"/>",
	 "bad.xml:2:1: error: a DOCTYPE or entity declaration is not allowed; remove it (entities are never expanded and nothing is fetched)\n"},
	/* a lying encoding declaration */
	{"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<statement version=\"1\"/>",
	 "bad.xml:1:21: error: the file declares encoding \"ISO-8859-1\"; save the file as UTF-8 and declare encoding=\"UTF-8\"\n"},
	/* invalid UTF-8 */
	{HEAD "<section id=\"s\"><title>T\xff</title><p>x</p></section></statement>",
	 "bad.xml:5:25: error: byte 0xFF is not valid UTF-8; save the file as UTF-8 and declare encoding=\"UTF-8\"\n"},
	/* duplicate ids */
	{HEAD SECT "<section id=\"s\"><title>U</title><p>y</p></section></statement>",
	 "bad.xml:6:10: error: the id \"s\" is already used at line 5; give each section its own id\n"},
	/* points out of order */
	{HEAD "<pay><scale id=\"n\"><name>N</name><point n=\"10\" salary=\"15000\"/>\n<point n=\"9\" salary=\"16000\"/></scale></pay>\n" SECT "</statement>",
	 "bad.xml:6:1: error: spinal point 9 comes after point 10; list points in ascending order\n"},
	/* an absurd salary */
	{HEAD "<pay><scale id=\"n\"><name>N</name><point n=\"1\" salary=\"99999999999\"/></scale></pay>\n" SECT "</statement>",
	 "bad.xml:5:47: error: salary £99999999999 is not plausible (it must be between £1 and £10,000,000); check the figure\n"},
	/* dangling reference to an appendix */
	{HEAD "<section id=\"s\"><title>T</title><p>See <ref to=\"nowhere\"/>.</p></section></statement>",
	 "bad.xml:5:40: error: section or appendix \"nowhere\" is not defined; define it, or correct the reference\n"},
	/* a table row with too many cells */
	{HEAD "<section id=\"s\"><title>T</title><table><col/><col/>\n<row><cell>a</cell><cell>b</cell><cell>c</cell></row></table></section></statement>",
	 "bad.xml:6:1: error: this row has 3 cells but the table has 2 columns; add or remove cells\n"},
	/* an empty section */
	{HEAD "<section id=\"s\"><title>T</title></section></statement>",
	 "bad.xml:5:1: error: section \"s\" has no content; write it or remove it\n"},
	/* Welsh text in an English-only statement */
	{HEAD "<section id=\"s\"><title><en>T</en><cy>Teitl</cy></title><p>x</p></section></statement>",
	 "bad.xml:5:34: error: text in Welsh (cy), but the statement declares languages=\"en\"; add cy to languages or remove this text\n"},
	/* a scale-table naming no scale */
	{HEAD "<section id=\"s\"><title>T</title><scale-table scale=\"njc\"/></section></statement>",
	 "bad.xml:5:33: error: scale \"njc\" is not defined; define it, or correct the reference\n"},
};

START_TEST(bad_input_messages)
{
	char *m = messages_for(bad[_i].xml, NULL);
	ck_assert_str_eq(m, bad[_i].expect);
	g_free(m);
}
END_TEST

START_TEST(missing_file)
{
	diag_ctx dc;
	diag_init(&dc);
	char *s = schema();
	pps_doc *d = xml_read_statement("/nonexistent/x.xml", s, &dc);
	g_free(s);
	ck_assert_ptr_null(d);
	ck_assert(diag_has(&dc, DIAG_FILE_READ));
	diag_clear(&dc);
}
END_TEST

START_TEST(parse_numbers)
{
	int64_t v;
	ck_assert(parse_money("15,375", &v) && v == 1537500);
	ck_assert(parse_money("\xc2\xa3" "15375.5", &v) && v == 1537550);
	ck_assert(parse_money("7.83", &v) && v == 783);
	ck_assert(!parse_money("7.835", &v));
	ck_assert(!parse_money("abc", &v));
	ck_assert(parse_scaled("52.143", 3, &v) && v == 52143);
	ck_assert(parse_scaled("37", 2, &v) && v == 3700);
	ck_assert(!parse_scaled("", 2, &v));
}
END_TEST

START_TEST(template_labels)
{
	diag_ctx dc;
	diag_init(&dc);
	char *td = src_path("templates"), *fd = src_path("fonts");
	pps_template *t = tpl_load(td, fd, &dc);
	ck_assert_ptr_nonnull(t);
	char *s = tpl_date(t, LANG_CY, "2018-04-01");
	ck_assert_str_eq(s, "1 Ebrill 2018");
	g_free(s);
	s = tpl_date(t, LANG_EN, "2019-03-31");
	ck_assert_str_eq(s, "31 March 2019");
	g_free(s);
	s = tpl_format(t, LANG_CY, "page-x-of-y", "page", "3", "pages", "40", NULL);
	ck_assert_str_eq(s, "Tudalen 3 o 40");
	g_free(s);
	s = tpl_year(t, LANG_EN, 2018);
	ck_assert_str_eq(s, "2018-19");
	g_free(s);
	/* Every month, spelt right in Welsh (published locale files get some wrong). */
	static const char *cy[] = {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
				   "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"};
	for (int m = 1; m <= 12; m++) {
		char id[16];
		g_snprintf(id, sizeof id, "month-%d", m);
		ck_assert_str_eq(tpl_label(t, LANG_CY, id), cy[m - 1]);
	}
	/* Every label exists in both languages. */
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, t->labels[LANG_EN]);
	while (g_hash_table_iter_next(&it, &k, &v))
		ck_assert_msg(g_hash_table_contains(t->labels[LANG_CY], k), "label %s has no Welsh", (char *)k);
	g_hash_table_iter_init(&it, t->labels[LANG_CY]);
	while (g_hash_table_iter_next(&it, &k, &v))
		ck_assert_msg(g_hash_table_contains(t->labels[LANG_EN], k), "label %s has no English", (char *)k);
	ck_assert_double_eq_tol(t->style.body_size, 12, 0.001);
	tpl_free(t);
	g_free(td);
	g_free(fd);
	diag_clear(&dc);
}
END_TEST

int main(void)
{
	xmlInitParser();
	Suite *s = suite_create("read");
	TCase *tc = tcase_create("read");
	tcase_add_test(tc, english_council_model);
	tcase_add_test(tc, nfc_and_welsh);
	tcase_add_loop_test(tc, bad_input_messages, 0, (int)G_N_ELEMENTS(bad));
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, parse_numbers);
	tcase_add_test(tc, template_labels);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
