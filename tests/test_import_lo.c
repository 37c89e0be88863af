/* test_import_lo.c — `ppsgen import` on a document a real word processor
 * wrote: the sample rendered as HTML, converted to .docx by LibreOffice
 * (soffice --headless), imported back.  Every section and appendix title
 * comes back in order, behind the "Front page" that holds the HTML's header,
 * the pay scale tables come back as scales, and the result checks and
 * renders; rendered as HTML again, it holds every title, paragraph, list
 * item, table cell and caption of the HTML LibreOffice read, in order, in
 * each language (every_block_back), but for the cells of the hourly rate
 * columns import says it leaves to ppsgen.  Without soffice
 * (Debian's libreoffice-writer-nogui, which generator/setup.sh installs)
 * the test is skipped, and says so (ctest: exit 77). */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* s with runs of white space as one space, and none at either end. */
static char *collapse(const char *s)
{
	char **w = g_strsplit_set(s, " \t\n\r", -1);
	GString *j = g_string_new(NULL);
	for (char **p = w; *p; p++)
		if (**p)
			g_string_append_printf(j, "%s%s", j->len ? " " : "", *p);
	g_strfreev(w);
	return g_string_free(j, FALSE);
}

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
					g_ptr_array_add(out, collapse((char *)s));
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

/* ---- Every block back, in order ---------------------------------------- */

/* A block of ppsgen's HTML: its kind (h heading, p paragraph, l list item,
 * c table cell, t caption) and its own text, white space collapsed. */
typedef struct {
	char kind;
	char *text;
} blk;

static char block_kind(const char *name)
{
	static const char *const names[] = {"p", "li", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", NULL};
	static const char kinds[] = "plcctHhhhhh";
	for (int i = 0; names[i]; i++)
		if (!strcmp(name, names[i]))
			return kinds[i] == 'H' ? 'h' : kinds[i];
	return 0;
}

/* The text of n without that of the blocks and lists inside it. */
static void own_text(xmlNode *n, GString *g)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE)
			g_string_append(g, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE) {
			const char *nm = (const char *)c->name;
			if (!strcmp(nm, "br"))
				g_string_append_c(g, ' ');
			else if (!block_kind(nm) && strcmp(nm, "ul") && strcmp(nm, "ol"))
				own_text(c, g);
		}
	}
}

/* The blocks of <main>, in document order.  Charts (<figure>: an SVG whose
 * figures LibreOffice reads as text) and the contents (<nav>, which ppsgen
 * writes itself) are left out. */
static void collect(xmlNode *n, bool in_main, GRegex *number, GArray *out)
{
	for (xmlNode *c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (!strcmp(nm, "nav") || !strcmp(nm, "figure") || !strcmp(nm, "svg") || !strcmp(nm, "style") ||
		    !strcmp(nm, "script"))
			continue;
		bool m = in_main || !strcmp(nm, "main");
		char k = block_kind(nm);
		if (k && m) {
			GString *g = g_string_new(NULL);
			own_text(c, g);
			char *j = collapse(g->str);
			g_string_free(g, TRUE);
			/* Headings without ppsgen's numbers: the round trip adds a section. */
			char *t = k == 'h' ? g_regex_replace(number, j, -1, 0, "", 0, NULL) : g_strdup(j);
			g_free(j);
			if (*t)
				g_array_append_val(out, ((blk){k, t}));
			else
				g_free(t);
		}
		collect(c->children, m, number, out);
	}
}

static GArray *html_blocks(const char *path)
{
	htmlDocPtr d = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	ck_assert_msg(d != NULL, "%s: not HTML", path);
	GRegex *number = g_regex_new("^([0-9]+(\\.[0-9]+)* |(Appendix|Atodiad) [A-Z]+ – )", 0, 0, NULL);
	GArray *out = g_array_new(FALSE, FALSE, sizeof(blk));
	collect(xmlDocGetRootElement(d), false, number, out);
	g_regex_unref(number);
	xmlFreeDoc(d);
	return out;
}

static void blocks_free(GArray *a)
{
	for (guint i = 0; i < a->len; i++)
		g_free(g_array_index(a, blk, i).text);
	g_array_free(a, TRUE);
}

static bool same_blk(const blk *x, const blk *y) { return x->kind == y->kind && !strcmp(x->text, y->text); }

/* Every section title, paragraph, list item, table cell and caption of
 * `want` (ppsgen's HTML of the sample) comes back in `got` (ppsgen's HTML
 * of the statement imported through LibreOffice), in order (a longest
 * common subsequence: the round trip adds the front page and the charts'
 * text).  Only one kind of block may be missing: the cells of pay scale
 * columns that import says it leaves to ppsgen (hourly rates: `err`'s
 * "column N (\"...\") ... is not imported"), a number
 * or a word of such a column's head, at most that many columns times the
 * points of the largest scale read. */
static void every_block_back(const char *want_html, const char *got_html, const char *err)
{
	GArray *a = html_blocks(want_html), *b = html_blocks(got_html);
	ck_assert_int_gt(a->len, 1000);
	guint n = a->len, m = b->len;
	guint16 *L = g_new0(guint16, (gsize)(n + 1) * (m + 1)); /* L[i][j]: LCS of a[i..], b[j..] */
#define AT(i, j) L[(gsize)(i) * (m + 1) + (j)]
	for (guint i = n; i-- > 0;)
		for (guint j = m; j-- > 0;)
			AT(i, j) = same_blk(&g_array_index(a, blk, i), &g_array_index(b, blk, j))
					   ? AT(i + 1, j + 1) + 1
					   : MAX(AT(i + 1, j), AT(i, j + 1));
	/* The heads import reports as left out, and how many cells they may hold. */
	GPtrArray *heads = g_ptr_array_new_with_free_func(g_free);
	GRegex *col = g_regex_new("column [0-9]+ \\(\"([^\"]*)\"\\) of the pay scale table is not imported", 0, 0, NULL);
	GRegex *pts = g_regex_new("read as pay scale \"[^\"]*\" \\(([0-9]+) points", 0, 0, NULL);
	GMatchInfo *mi;
	for (g_regex_match(col, err, 0, &mi); g_match_info_matches(mi); g_match_info_next(mi, NULL))
		g_ptr_array_add(heads, g_match_info_fetch(mi, 1));
	g_match_info_free(mi);
	int most = 0;
	for (g_regex_match(pts, err, 0, &mi); g_match_info_matches(mi); g_match_info_next(mi, NULL)) {
		char *k = g_match_info_fetch(mi, 1);
		most = MAX(most, atoi(k));
		g_free(k);
	}
	g_match_info_free(mi);
	g_regex_unref(col);
	g_regex_unref(pts);
	GString *lost = g_string_new(NULL);
	int left_out = 0, nlost = 0;
	for (guint i = 0, j = 0; i < n;) {
		const blk *x = &g_array_index(a, blk, i);
		if (j < m && same_blk(x, &g_array_index(b, blk, j))) {
			i++, j++;
		} else if (j < m && AT(i, j + 1) >= AT(i + 1, j)) {
			j++;
		} else {
			bool number = x->kind == 'c' && strspn(x->text, "0123456789.,£%") == strlen(x->text);
			bool head = false;
			for (guint h = 0; x->kind == 'c' && h < heads->len && !head; h++)
				head = strstr(heads->pdata[h], x->text) != NULL;
			if (number || head)
				left_out++;
			else if (nlost++ < 10)
				g_string_append_printf(lost, "  block %u (%c): \"%.80s\"\n", i, x->kind, x->text);
			i++;
		}
	}
#undef AT
	ck_assert_msg(!nlost, "%s: %d of %u blocks of %s do not come back, in order:\n%s", got_html, nlost, n, want_html,
		      lost->str);
	ck_assert_msg(left_out <= (int)heads->len * (most + 2), "%d cells left out, more than the %u columns import reports",
		      left_out, heads->len);
	g_string_free(lost, TRUE);
	g_ptr_array_free(heads, TRUE);
	g_free(L);
	blocks_free(a);
	blocks_free(b);
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
	char *import_err = g_strdup(r.err);
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
	/* The NJC table's "Basic + 8%" and "Basic + 4%" columns are the sample's
	 * two supplements again (their amounts are ppsgen's own rounding). */
	ck_assert_msg(strstr(text, "<supplement id=\"supplement-8\" percent=\"8\"><name>Basic + 8%</name></supplement>\n"
				   "    <supplement id=\"supplement-4\" percent=\"4\"><name>Basic + 4%</name></supplement>\n"
				   "    <scale id=\"scale-1\" rates=\"yes\" supplements=\"supplement-8 supplement-4\">"),
		      "%s", text);

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

	/* Every block of the HTML LibreOffice read comes back. */
	char *again = g_build_filename(dir, "again", NULL);
	r = run_ppsgen("render", "--format", "html", "-o", again, xml, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char *again_html = g_build_filename(again, "imported-en.html", NULL);
	every_block_back(html, again_html, import_err);
	g_free(again_html);
	g_free(again);
	g_free(import_err);
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
	char *import_err = g_strdup(r.err);
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
	/* Every block back, each in its language. */
	char *again = g_build_filename(dir, "again", NULL);
	r = run_ppsgen("render", "--format", "html", "-o", again, xml, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	const char *orig[] = {cyh, enh};
	for (int l = 0; l < 2; l++) {
		char *name = g_strdup_printf("pair-%s.html", langs[l]);
		char *again_html = g_build_filename(again, name, NULL);
		every_block_back(orig[l], again_html, import_err);
		g_free(again_html);
		g_free(name);
	}
	g_free(again);
	g_free(import_err);
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
