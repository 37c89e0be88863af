/* test_html.c — `ppsgen render --format html,csv` read back: the HTML parsed
 * with libxml2's HTML parser (languages, tables with th/scope and captions,
 * heading levels, links, the same multiples as `ppsgen figures`, escaping,
 * self-containment, the bilingual file's pairs and switch), and the open
 * data CSVs parsed as RFC 4180 and compared with the model's figures. */
#include <check.h>
#include <math.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "figures.h"
#include "model.h"
#include "template.h"
#include "testutil.h"
#include "xml_read.h"

#define SAMPLE "data/sample-statement.xml"
#define ENGLISH "tests/fixtures/english-council.xml"
#define WALES "tests/fixtures/law/base-wales.xml"

/* ---- Helpers ------------------------------------------------------------ */

static char *render_to(const char *name, const char *statement, const char *const *opts)
{
	char *dir = scratch_dir(name);
	char *in = src_path(statement);
	GPtrArray *a = g_ptr_array_new();
	g_ptr_array_add(a, PPSGEN_BIN);
	g_ptr_array_add(a, "render");
	g_ptr_array_add(a, "-o");
	g_ptr_array_add(a, dir);
	for (const char *const *o = opts; o && *o; o++)
		g_ptr_array_add(a, (gpointer)*o);
	g_ptr_array_add(a, in);
	g_ptr_array_add(a, NULL);
	run_result r = run_argv(NULL, NULL, (char **)a->pdata);
	ck_assert_msg(r.status == 0, "render %s failed (%d): %s", statement, r.status, r.err);
	run_free(&r);
	g_ptr_array_free(a, TRUE);
	g_free(in);
	return dir;
}

static char *slurp(const char *dir, const char *name)
{
	char *p = g_build_filename(dir, name, NULL);
	char *s = read_file(p, NULL);
	ck_assert_msg(s != NULL, "%s was not written", p);
	g_free(p);
	return s;
}

/* libxml2's HTML parser knows HTML 4: it reports the HTML5 elements as
 * unknown tags, which is no fault of ours.  Anything else is. */
static GString *parse_errors;

static void on_error(void *ud, xmlErrorPtr e)
{
	(void)ud;
	if (e->code == XML_HTML_UNKNOWN_TAG)
		return;
	g_string_append_printf(parse_errors, "line %d: %s", e->line, e->message);
}

static htmlDocPtr parse_html(const char *s)
{
	parse_errors = g_string_new(NULL);
	xmlSetStructuredErrorFunc(NULL, on_error);
	htmlDocPtr doc = htmlReadMemory(s, (int)strlen(s), "x.html", "UTF-8", HTML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	ck_assert_msg(doc != NULL, "HTML does not parse");
	ck_assert_msg(parse_errors->len == 0, "HTML parse errors:\n%s", parse_errors->str);
	g_string_free(parse_errors, TRUE);
	return doc;
}

static xmlXPathObjectPtr xp(htmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr c = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, c);
	xmlXPathFreeContext(c);
	ck_assert_msg(o != NULL, "bad XPath %s", expr);
	return o;
}

static int xp_count(htmlDocPtr doc, const char *expr)
{
	xmlXPathObjectPtr o = xp(doc, expr);
	int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(o);
	return n;
}

/* The string value of an XPath expression (g_free). */
static char *xp_str(htmlDocPtr doc, const char *expr)
{
	char *e = g_strdup_printf("string(%s)", expr);
	xmlXPathObjectPtr o = xp(doc, e);
	char *s = g_strdup(o->stringval ? (const char *)o->stringval : "");
	xmlXPathFreeObject(o);
	g_free(e);
	return s;
}

static char *node_text(xmlNodePtr n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = g_strdup(c ? (const char *)c : "");
	xmlFree(c);
	return s;
}

static const char *prop(xmlNodePtr n, const char *name, char *buf, size_t len)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	g_strlcpy(buf, (const char *)v, len);
	xmlFree(v);
	return buf;
}

/* Every table: a caption with words, th in a thead, every th scoped (col in
 * the head, row in the body), the first cell of each body row a row heading. */
static void check_tables(htmlDocPtr doc)
{
	int ntables = xp_count(doc, "//table");
	ck_assert_int_gt(ntables, 0);
	ck_assert_int_eq(xp_count(doc, "//table[caption[normalize-space(.) != '']]"), ntables);
	ck_assert_int_eq(xp_count(doc, "//table[thead/tr/th]"), ntables);
	ck_assert_int_eq(xp_count(doc, "//th[not(@scope)]"), 0);
	/* A heading over several columns is scoped to its colgroup. */
	ck_assert_int_eq(xp_count(doc, "//thead//th[@scope != 'col' and not(@scope = 'colgroup' and @colspan > 1)]"), 0);
	ck_assert_int_eq(xp_count(doc, "//thead//td"), 0);
	ck_assert_int_eq(xp_count(doc, "//tbody//th[@scope != 'row']"), 0);
	ck_assert_int_eq(xp_count(doc, "//tbody/tr[not(th[@scope='row'])]"), 0);
	/* Merged cells only in a two-level head, and there every data cell
	 * names its headings (headers= to th ids of its own table: H43). */
	ck_assert_int_eq(xp_count(doc, "//*[@colspan or @rowspan][not(self::th and ancestor::thead)]"), 0);
	ck_assert_int_eq(xp_count(doc, "//table[thead//th[@colspan]]//tbody//td[not(@headers)]"), 0);
	GHashTable *th_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	xmlXPathObjectPtr o = xp(doc, "//th[@id]");
	for (int i = 0; o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		xmlNodePtr th = o->nodesetval->nodeTab[i];
		xmlChar *id = xmlGetProp(th, (const xmlChar *)"id");
		for (xmlNodePtr t = th; t; t = t->parent) /* the id with its table's node */
			if (t->name && !strcmp((const char *)t->name, "table")) {
				g_hash_table_insert(th_ids, g_strdup_printf("%p %s", (void *)t, (const char *)id), NULL);
				break;
			}
		xmlFree(id);
	}
	xmlXPathFreeObject(o);
	o = xp(doc, "//td[@headers]");
	for (int i = 0; o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		xmlNodePtr td = o->nodesetval->nodeTab[i], table = td;
		while (table && (!table->name || strcmp((const char *)table->name, "table")))
			table = table->parent;
		xmlChar *hv = xmlGetProp(td, (const xmlChar *)"headers");
		gchar **ids = g_strsplit((const char *)hv, " ", -1);
		ck_assert_int_ge((int)g_strv_length(ids), 3); /* the point, the pay and the unit at least */
		for (gchar **id = ids; *id; id++) {
			char *key = g_strdup_printf("%p %s", (void *)table, *id);
			ck_assert_msg(g_hash_table_contains(th_ids, key), "headers=\"%s\": no heading %s in its table", hv, *id);
			g_free(key);
		}
		g_strfreev(ids);
		xmlFree(hv);
	}
	xmlXPathFreeObject(o);
	g_hash_table_unref(th_ids);
	/* Numbers right-aligned by class: every pound figure in a body cell. */
	ck_assert_int_eq(xp_count(doc, "//tbody/tr/td[not(contains(@class,'num'))][translate(normalize-space(.),"
				       "'0123456789,.','') = '' and normalize-space(.) != '']"),
			 0);
}

/* h1 first and once, then no level skipped on the way down. */
static void check_headings(htmlDocPtr doc)
{
	xmlXPathObjectPtr o = xp(doc, "//h1|//h2|//h3|//h4|//h5|//h6");
	xmlNodeSetPtr ns = o->nodesetval;
	ck_assert(ns && ns->nodeNr > 2);
	int prev = 0;
	for (int i = 0; i < ns->nodeNr; i++) {
		int lv = ns->nodeTab[i]->name[1] - '0';
		char *t = node_text(ns->nodeTab[i]);
		ck_assert_msg(i == 0 ? lv == 1 : lv >= 2, "heading %d \"%s\" is h%d", i, t, lv);
		ck_assert_msg(lv <= prev + 1, "h%d \"%s\" follows h%d: a level skipped", lv, t, prev);
		ck_assert_msg(g_strstrip(t)[0] != 0, "empty h%d", lv);
		g_free(t);
		prev = lv;
	}
	xmlXPathFreeObject(o);
}

/* Ids unique; every in-page link lands on one; nothing loaded from outside. */
static void check_links(htmlDocPtr doc)
{
	GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	xmlXPathObjectPtr o = xp(doc, "//*[@id]");
	char buf[512];
	for (int i = 0; o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		const char *id = prop(o->nodesetval->nodeTab[i], "id", buf, sizeof buf);
		ck_assert_msg(!g_hash_table_contains(ids, id), "id \"%s\" twice", id);
		g_hash_table_add(ids, g_strdup(id));
	}
	xmlXPathFreeObject(o);
	o = xp(doc, "//a[starts-with(@href,'#')]");
	ck_assert(o->nodesetval && o->nodesetval->nodeNr > 2);
	for (int i = 0; i < o->nodesetval->nodeNr; i++) {
		const char *h = prop(o->nodesetval->nodeTab[i], "href", buf, sizeof buf);
		ck_assert_msg(g_hash_table_contains(ids, h + 1), "link to missing #%s", h + 1);
		char *t = node_text(o->nodesetval->nodeTab[i]);
		ck_assert_msg(*g_strstrip(t), "link to %s has no words", h);
		g_free(t);
	}
	xmlXPathFreeObject(o);
	g_hash_table_destroy(ids);
	/* Self-contained: no src, no stylesheet link, no url() to fetch. */
	ck_assert_int_eq(xp_count(doc, "//*[@src]|//link|//iframe|//object|//embed"), 0);
	char *css = xp_str(doc, "//style");
	ck_assert(strstr(css, "@media print") != NULL);
	ck_assert(strstr(css, "url(") == NULL && strstr(css, "@import") == NULL);
	g_free(css);
	/* The skip link goes to main. */
	ck_assert_int_eq(xp_count(doc, "//body/a[1][@href='#pps-main']"), 1);
	ck_assert_int_eq(xp_count(doc, "//main[@id='pps-main']"), 1);
	ck_assert_int_eq(xp_count(doc, "//nav//a"), xp_count(doc, "//nav//li"));
}

static void check_head(htmlDocPtr doc, const char *lang)
{
	char *l = xp_str(doc, "/html/@lang");
	ck_assert_str_eq(l, lang);
	g_free(l);
	ck_assert_int_eq(xp_count(doc, "/html/head/meta[@charset='utf-8']"), 1);
	ck_assert_int_eq(xp_count(doc, "/html/head/meta[@name='viewport']"), 1);
	char *t = xp_str(doc, "/html/head/title");
	ck_assert_msg(strlen(t) > 10, "title \"%s\"", t);
	g_free(t);
	ck_assert_int_eq(xp_count(doc, "//header//h1"), 1);
}

/* The model and its figures, for comparing. */
typedef struct {
	pps_doc *d;
	pps_figures f;
	pps_template *t;
} model;

static void model_load(model *m, const char *statement)
{
	diag_ctx dc;
	diag_init(&dc);
	char *tdir = src_path("templates"), *fonts = src_path("fonts");
	m->t = tpl_load(tdir, fonts, &dc);
	ck_assert(m->t != NULL);
	char *p = src_path(statement);
	m->d = xml_read_statement(p, m->t->schema, &dc);
	ck_assert_msg(m->d != NULL, "%s must read", statement);
	fig_compute(m->d, &m->f, &dc);
	g_free(p);
	g_free(tdir);
	g_free(fonts);
	diag_clear(&dc);
}

static void model_free(model *m)
{
	fig_free(&m->f);
	doc_free(m->d);
	tpl_free(m->t);
}

/* The display string of figure id in `ppsgen figures` JSON (g_free). */
static char *json_display(const char *json, const char *id)
{
	char *key = g_strdup_printf("\n  \"%s\": {", id);
	const char *p = strstr(json, key);
	g_free(key);
	if (!p)
		return NULL;
	p = strstr(p, "\"display\": \"");
	ck_assert(p != NULL);
	p += strlen("\"display\": \"");
	const char *e = strchr(p, '"');
	return g_strndup(p, (gsize)(e - p));
}

/* Every declared multiple's ratio in the multiples tables, as `figures` says. */
static void check_multiples(htmlDocPtr doc, const char *statement, int expect)
{
	char *in = src_path(statement);
	run_result r = run_ppsgen("figures", in, NULL);
	ck_assert_msg(r.status == 0, "figures failed: %s", r.err);
	model m;
	model_load(&m, statement);
	ck_assert_int_eq(m.d->nmultiples, expect);
	for (int i = 0; i < m.d->nmultiples; i++) {
		char *disp = json_display(r.out, m.d->multiples[i].id);
		ck_assert_msg(disp, "figures has no %s", m.d->multiples[i].id);
		char *q = g_strdup_printf("//table[contains(@class,'multiples')]/tbody/tr[%d]/td[1]", i + 1);
		xmlXPathObjectPtr o = xp(doc, q);
		ck_assert_msg(o->nodesetval && o->nodesetval->nodeNr >= 1, "no multiples row %d", i + 1);
		for (int k = 0; k < o->nodesetval->nodeNr; k++) {
			char *t = node_text(o->nodesetval->nodeTab[k]);
			ck_assert_str_eq(g_strstrip(t), disp);
			g_free(t);
		}
		xmlXPathFreeObject(o);
		g_free(q);
		g_free(disp);
	}
	model_free(&m);
	run_free(&r);
	g_free(in);
}

/* Body text only (no style, no script). */
static char *body_text(htmlDocPtr doc)
{
	xmlXPathObjectPtr o = xp(doc, "//body//text()[not(ancestor::script) and not(ancestor::style)]");
	GString *s = g_string_new(NULL);
	for (int i = 0; o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		g_string_append(s, (const char *)o->nodesetval->nodeTab[i]->content);
		g_string_append_c(s, ' ');
	}
	xmlXPathFreeObject(o);
	g_string_append(s, " ");
	char *t = xp_str(doc, "/html/head/title");
	g_string_append(s, t);
	g_free(t);
	return g_string_free(s, FALSE);
}

static bool whole_word_in(const char *hay, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = strstr(hay, w); p; p = strstr(p + 1, w)) {
		bool before = p == hay || !g_unichar_isalpha(g_utf8_get_char(g_utf8_prev_char(p)));
		bool after = !g_unichar_isalpha(g_utf8_get_char(p + n));
		if (before && after)
			return true;
	}
	return false;
}

/* ---- HTML: one language ----------------------------------------------------- */

START_TEST(english_only_statement)
{
	const char *opts[] = {"--format", "html", NULL};
	char *dir = render_to("html-english", ENGLISH, opts);
	char *html = slurp(dir, "english-council-en.html");
	ck_assert(g_str_has_prefix(html, "<!DOCTYPE html>\n"));
	htmlDocPtr doc = parse_html(html);
	check_head(doc, "en-GB");
	check_tables(doc);
	check_headings(doc);
	check_links(doc);
	check_multiples(doc, ENGLISH, 2);
	/* One language: nothing carries a lang of its own, and no switch. */
	ck_assert_int_eq(xp_count(doc, "//body//*[@lang]"), 0);
	ck_assert_int_eq(xp_count(doc, "//*[@id='pps-lang-switch']|//script"), 0);
	/* A draft: the banner, the draft line, no approval line. */
	char *banner = xp_str(doc, "//*[contains(@class,'draft-banner')]");
	ck_assert_str_eq(g_strstrip(banner), "DRAFT");
	g_free(banner);
	char *text = body_text(doc);
	ck_assert(strstr(text, "Draft: not yet approved by full Council") != NULL);
	ck_assert(strstr(text, "Approved by full Council") == NULL);
	/* Figures in prose, links, lists as lists. */
	ck_assert(strstr(text, "The median salary is £21,500.") != NULL);
	ck_assert_int_eq(xp_count(doc, "//a[@href='#app-a' and normalize-space(.)='Appendix A']"), 1);
	ck_assert_int_eq(xp_count(doc, "//a[@href='https://www.legislation.gov.uk/ukpga/2011/20/section/38']"), 1);
	ck_assert_int_eq(xp_count(doc, "//main//ul/li/ol/li"), 2);
	ck_assert_int_eq(xp_count(doc, "//section[@id='intro']/h2"), 1);
	/* The pay scale: every point a row, with its grade and hourly rate. */
	ck_assert_int_eq(xp_count(doc, "//table[contains(@class,'scale')]/tbody/tr"), 6);
	ck_assert_int_eq(xp_count(doc, "//table[contains(@class,'scale')]/tbody/tr/th[@scope='row']"), 12);
	ck_assert_int_eq(xp_count(doc, "//table[contains(@class,'scale')]/tbody/tr[1]/td[normalize-space(.)='17,364']"), 1);
	ck_assert_int_eq(xp_count(doc, "//table[contains(@class,'scale')]/tbody/tr[1]/td[normalize-space(.)='9.0002']"), 1);
	/* No Welsh: not one of the template's Welsh words appears. */
	model m;
	model_load(&m, ENGLISH);
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, m.t->labels[LANG_CY]);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const char *en = g_hash_table_lookup(m.t->labels[LANG_EN], k);
		if (en && !strcmp(en, v))
			continue; /* the same in both ("£{n}k") */
		/* Each literal stretch between {placeholders}. */
		gchar **parts = g_regex_split_simple("\\{[a-z]+\\}", v, 0, 0);
		for (gchar **p = parts; *p; p++) {
			char *w = g_strstrip(g_strdup(*p));
			if (g_utf8_strlen(w, -1) >= 4 && !(en && strstr(en, w)))
				ck_assert_msg(!whole_word_in(text, w), "Welsh label %s (\"%s\") in the English page",
					      (char *)k, w);
			g_free(w);
		}
		g_strfreev(parts);
	}
	model_free(&m);
	g_free(text);
	xmlFreeDoc(doc);
	g_free(html);
	g_free(dir);
}
END_TEST

START_TEST(single_language_files_of_bilingual_statement)
{
	const char *opts[] = {"--format", "html", NULL};
	char *dir = render_to("html-single", SAMPLE, opts);
	static const struct {
		const char *file, *lang, *other, *other_lang, *notice;
	} f[] = {{"sample-statement-cy.html", "cy", "sample-statement-en.html", "en-GB",
		  "Mae'r ddogfen hon hefyd ar gael yn Saesneg."},
		 {"sample-statement-en.html", "en-GB", "sample-statement-cy.html", "cy",
		  "This document is also available in Welsh."}};
	for (size_t i = 0; i < G_N_ELEMENTS(f); i++) {
		char *html = slurp(dir, f[i].file);
		htmlDocPtr doc = parse_html(html);
		check_head(doc, f[i].lang);
		check_tables(doc);
		check_headings(doc);
		check_links(doc);
		check_multiples(doc, SAMPLE, 4);
		char *q = g_strdup_printf("//header//a[@href='%s' and @hreflang='%s']", f[i].other, f[i].other_lang);
		ck_assert_int_eq(xp_count(doc, q), 1);
		g_free(q);
		char *text = body_text(doc);
		ck_assert_msg(strstr(text, f[i].notice) != NULL, "%s lacks \"%s\"", f[i].file, f[i].notice);
		/* Approved: the approval line, no banner. */
		ck_assert_int_eq(xp_count(doc, "//*[contains(@class,'draft-banner')]"), 0);
		ck_assert(strstr(text, i == 0 ? "Cymeradwywyd gan y Cyngor llawn ar 27 Chwefror 2018"
					      : "Approved by full Council on 27 February 2018") != NULL);
		/* Text missing in this language falls back, marked with its own. */
		q = g_strdup_printf("//body//*[@lang and @lang != '%s']", f[i].other_lang);
		ck_assert_int_eq(xp_count(doc, q), 0);
		g_free(q);
		/* Four posts, and the pay scale of Appendix A with its supplements. */
		int nposts = xp_count(doc, "//table[contains(@class,'posts')]");
		ck_assert_int_ge(nposts, 1);
		ck_assert_int_eq(xp_count(doc, "//table[contains(@class,'posts')]/tbody/tr"), 4 * nposts);
		ck_assert_int_ge(xp_count(doc, "//table[contains(@class,'scale')]"), 1);
		g_free(text);
		xmlFreeDoc(doc);
		g_free(html);
	}
	g_free(dir);
}
END_TEST

/* ---- HTML: the bilingual file -------------------------------------------------- */

START_TEST(bilingual_file)
{
	const char *opts[] = {"--format", "html", "--layout", "parallel", NULL};
	char *dir = render_to("html-bilingual", SAMPLE, opts);
	char *html = slurp(dir, "sample-statement-bilingual.html");
	htmlDocPtr doc = parse_html(html);
	check_head(doc, "cy");
	check_tables(doc);
	check_headings(doc);
	check_links(doc);
	check_multiples(doc, SAMPLE, 4);
	/* Every pair: Welsh first, then English, nothing else. */
	int npairs = xp_count(doc, "//div[contains(concat(' ',@class,' '),' pair ')]");
	ck_assert_int_gt(npairs, 50);
	ck_assert_int_eq(xp_count(doc, "//div[contains(concat(' ',@class,' '),' pair ')][count(*) != 2]"), 0);
	ck_assert_int_eq(xp_count(doc, "//div[contains(concat(' ',@class,' '),' pair ')][*[1][@lang='cy']][*[2][@lang='en-GB']]"),
			 npairs);
	/* In reading order, Welsh before English from the title on. */
	xmlXPathObjectPtr o = xp(doc, "//body//*[@lang and not(@data-keep)]");
	ck_assert(o->nodesetval && o->nodesetval->nodeNr > 100);
	char buf[16];
	for (int i = 0; i < o->nodesetval->nodeNr; i++) {
		const char *l = prop(o->nodesetval->nodeTab[i], "lang", buf, sizeof buf);
		ck_assert_msg(!strcmp(l, "cy") || !strcmp(l, "en-GB"), "lang=\"%s\"", l);
	}
	ck_assert_str_eq(prop(o->nodesetval->nodeTab[0], "lang", buf, sizeof buf), "cy");
	xmlXPathFreeObject(o);
	/* Headings and the title carry both languages, Welsh first. */
	ck_assert_int_eq(xp_count(doc, "//h1/span[1][@lang='cy']"), 1);
	ck_assert_int_eq(xp_count(doc, "//h1/span[2][@lang='en-GB']"), 1);
	ck_assert_int_eq(xp_count(doc, "//main//h2[span[@lang='en-GB'] and not(span[1][@lang='cy'])]"), 0);
	/* The switch: hidden until the script shows it; both, Welsh, English. */
	ck_assert_int_eq(xp_count(doc, "//*[@id='pps-lang-switch'][@hidden]/button"), 3);
	ck_assert_int_eq(xp_count(doc, "//button[@data-show='cy'][@lang='cy'][normalize-space(.)='Cymraeg']"), 1);
	ck_assert_int_eq(xp_count(doc, "//button[@data-show='en'][@lang='en-GB'][normalize-space(.)='English']"), 1);
	ck_assert_int_eq(xp_count(doc, "//script[@src]"), 0);
	ck_assert_int_eq(xp_count(doc, "//script"), 1);
	char *css = xp_str(doc, "//style");
	ck_assert(strstr(css, "body.show-en [lang=cy]") != NULL);
	g_free(css);
	/* The wide scale tables once, headed in both languages. */
	ck_assert_int_ge(xp_count(doc, "//table[contains(@class,'scale')]//thead//span[@lang='cy']"), 1);
	xmlFreeDoc(doc);
	g_free(html);
	g_free(dir);
}
END_TEST

/* ---- Escaping, links, the exempt appendix, determinism --------------------------- */

static char *variant(const char *name, const char *from, const char *const *pairs)
{
	char *src = src_path(from);
	char *xml = read_file(src, NULL);
	ck_assert(xml != NULL);
	for (const char *const *p = pairs; p[0]; p += 2) {
		ck_assert_msg(strstr(xml, p[0]) != NULL, "fixture lacks %s", p[0]);
		GString *s = g_string_new(NULL);
		const char *at = strstr(xml, p[0]);
		g_string_append_len(s, xml, at - xml);
		g_string_append(s, p[1]);
		g_string_append(s, at + strlen(p[0]));
		g_free(xml);
		xml = g_string_free(s, FALSE);
	}
	char *dir = scratch_dir(name);
	char *path = g_build_filename(dir, "variant.xml", NULL);
	ck_assert(g_file_set_contents(path, xml, -1, NULL));
	g_free(xml);
	g_free(src);
	g_free(dir);
	return path;
}

START_TEST(escaping_and_unsafe_links)
{
	const char *pairs[] = {
		"<name>Exampleshire District Council</name>",
		"<name>Smith &amp; Jones &lt;b&gt;\"Council\"&lt;/b&gt; 'District'</name>",
		"<a href=\"https://www.legislation.gov.uk/ukpga/2011/20/section/38\">",
		"<a href=\"javascript:alert(1)\">",
		"<appendix id=\"app-a\" letter=\"A\">",
		"<appendix id=\"app-a\" letter=\"A\" exempt=\"yes\" exempt-paragraph=\"3\">",
		NULL, NULL};
	char *xml = variant("html-escape", ENGLISH, pairs);
	char *out = g_path_get_dirname(xml);
	run_result r = run_ppsgen("render", "-o", out, "--format", "html", "--public", xml, NULL);
	ck_assert_msg(r.status == 0, "render failed: %s", r.err);
	run_free(&r);
	char *html = slurp(out, "variant-en.html");
	htmlDocPtr doc = parse_html(html);
	char *council = xp_str(doc, "//header/p[contains(@class,'council')]");
	ck_assert_str_eq(council, "Smith & Jones <b>\"Council\"</b> 'District'");
	g_free(council);
	ck_assert_int_eq(xp_count(doc, "//header//b"), 0);
	char *title = xp_str(doc, "/html/head/title");
	ck_assert(strstr(title, "Smith & Jones <b>") != NULL);
	g_free(title);
	ck_assert(strstr(html, "&lt;b&gt;&quot;Council&quot;&lt;/b&gt; &#39;District&#39;") != NULL);
	/* A javascript: address is no link; the words stay. */
	ck_assert(strstr(html, "javascript:") == NULL);
	char *text = body_text(doc);
	ck_assert(strstr(text, "Localism Act 2011") != NULL);
	/* --public: the exempt appendix is its heading and the notice only. */
	ck_assert(strstr(text, "Appendix A is not published: it is exempt information under paragraph 3 of Schedule 12A") !=
		  NULL);
	ck_assert_int_eq(xp_count(doc, "//section[@id='app-a']//table"), 0);
	ck_assert_int_eq(xp_count(doc, "//section[@id='app-a']/h2"), 1);
	g_free(text);
	xmlFreeDoc(doc);
	g_free(html);

	/* Without --public the appendix is there. */
	r = run_ppsgen("render", "-o", out, "--format", "html", xml, NULL);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	html = slurp(out, "variant-en.html");
	doc = parse_html(html);
	ck_assert_int_eq(xp_count(doc, "//section[@id='app-a']//table"), 1);
	xmlFreeDoc(doc);
	g_free(html);
	g_free(out);
	g_free(xml);
}
END_TEST

START_TEST(one_appendix_and_determinism)
{
	const char *opts[] = {"--format", "html", "--appendix", "A", NULL};
	char *dir = render_to("html-appendix", SAMPLE, opts);
	char *html = slurp(dir, "sample-statement-appendix-A-en.html");
	htmlDocPtr doc = parse_html(html);
	check_headings(doc);
	check_tables(doc);
	ck_assert_int_eq(xp_count(doc, "//main/section"), 1);
	ck_assert_int_eq(xp_count(doc, "//main/section[contains(@class,'appendix')]/h2"), 1);
	ck_assert_int_eq(xp_count(doc, "//nav//li"), 1);
	ck_assert_int_eq(xp_count(doc, "//header//a[@href='sample-statement-appendix-A-cy.html']"), 1);
	xmlFreeDoc(doc);
	/* The same input gives the same bytes, whatever the clock says. */
	const char *opts2[] = {"--format", "html,csv", "--layout", "parallel", NULL};
	char *d1 = render_to("html-det1", SAMPLE, opts2);
	char *d2 = render_to("html-det2", SAMPLE, opts2);
	static const char *files[] = {"sample-statement-bilingual.html", "sample-statement-pay-multiples.csv",
				      "sample-statement-senior-salaries.csv"};
	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		char *a = slurp(d1, files[i]), *b = slurp(d2, files[i]);
		ck_assert_msg(!strcmp(a, b), "%s differs between two runs", files[i]);
		g_free(a);
		g_free(b);
	}
	g_free(d1);
	g_free(d2);
	g_free(html);
	g_free(dir);
}
END_TEST

/* ---- Open data ----------------------------------------------------------------- */

/* RFC 4180: records end in CRLF (the last too); a quoted field may hold
 * commas, doubled quotes and line breaks.  Returns rows of fields. */
static GPtrArray *csv_parse(const char *s)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
	GString *f = g_string_new(NULL);
	const char *p = s;
	while (*p) {
		if (*p == '"' && f->len == 0) {
			for (p++; *p; p++) {
				if (*p == '"' && p[1] == '"')
					g_string_append_c(f, *p++);
				else if (*p == '"')
					break;
				else
					g_string_append_c(f, *p);
			}
			ck_assert_msg(*p == '"', "unterminated quoted field");
			p++;
			ck_assert_msg(*p == ',' || *p == '\r', "text after a closing quote");
		} else if (*p == ',') {
			g_ptr_array_add(row, g_string_free(f, FALSE));
			f = g_string_new(NULL);
			p++;
		} else if (*p == '\r') {
			ck_assert_msg(p[1] == '\n', "CR without LF");
			g_ptr_array_add(row, g_string_free(f, FALSE));
			f = g_string_new(NULL);
			g_ptr_array_add(rows, row);
			row = g_ptr_array_new_with_free_func(g_free);
			p += 2;
		} else {
			ck_assert_msg(*p != '\n' && *p != '"', "bare LF or quote in an unquoted field");
			g_string_append_c(f, *p++);
		}
	}
	ck_assert_msg(f->len == 0 && row->len == 0, "the last record does not end in CRLF");
	g_string_free(f, TRUE);
	g_ptr_array_unref(row);
	return rows;
}

static const char *cell(GPtrArray *rows, guint r, guint c)
{
	GPtrArray *row = rows->pdata[r];
	ck_assert_uint_lt(c, row->len);
	return row->pdata[c];
}

static char *pounds(int64_t pence) { return g_strdup_printf("%lld.%02lld", (long long)(pence / 100), (long long)(pence % 100)); }

static void check_header(GPtrArray *rows, const char *const *cols)
{
	ck_assert_uint_ge(rows->len, 1);
	guint n = 0;
	for (; cols[n]; n++)
		ck_assert_str_eq(cell(rows, 0, n), cols[n]);
	for (guint r = 0; r < rows->len; r++)
		ck_assert_uint_eq(((GPtrArray *)rows->pdata[r])->len, n);
}

START_TEST(open_data_csv)
{
	const char *opts[] = {"--format", "csv", NULL};
	char *dir = render_to("csv", SAMPLE, opts);
	model m;
	model_load(&m, SAMPLE);

	char *mc = slurp(dir, "sample-statement-pay-multiples.csv");
	ck_assert_msg(g_utf8_validate(mc, -1, NULL) && (guchar)mc[0] != 0xEF, "UTF-8 without a BOM");
	GPtrArray *rows = csv_parse(mc);
	static const char *const mcols[] = {"Multiple",    "Description",        "Ratio",
					    "Value",       "Numerator",          "Numerator amount (£)",
					    "Denominator", "Denominator amount (£)", "Basis",
					    "Date",        "Financial year",     NULL};
	check_header(rows, mcols);
	ck_assert_uint_eq(rows->len, 1 + 4);
	for (int i = 0; i < m.d->nmultiples; i++) {
		const pps_multiple *mu = &m.d->multiples[i];
		const pps_figure *fg = fig_get(&m.f, mu->id);
		ck_assert(fg != NULL);
		ck_assert_str_eq(cell(rows, 1 + i, 0), mu->id);
		ck_assert_str_eq(cell(rows, 1 + i, 1), text_plain(m.d->arena, &mu->label.tx[LANG_EN]));
		ck_assert_str_eq(cell(rows, 1 + i, 2), fg->display);
		ck_assert_double_eq_tol(g_ascii_strtod(cell(rows, 1 + i, 3), NULL), fg->value, 0.00005);
		ck_assert_str_eq(cell(rows, 1 + i, 4), mu->top);
		ck_assert_str_eq(cell(rows, 1 + i, 6), mu->base);
		const char *q[2] = {mu->top, mu->base};
		for (int k = 0; k < 2; k++) {
			int64_t pence = !strcmp(q[k], "lowest")            ? m.f.lowest
					: !strcmp(q[k], "median")          ? m.f.median
					: !strcmp(q[k], "chief-executive") ? m.f.chief_executive
									   : (int64_t)llround(m.f.average_chief_officer);
			char *want = pounds(pence);
			ck_assert_str_eq(cell(rows, 1 + i, 5 + 2 * k), want);
			g_free(want);
		}
		/* The amounts reproduce the ratio. */
		double top = g_ascii_strtod(cell(rows, 1 + i, 5), NULL), base = g_ascii_strtod(cell(rows, 1 + i, 7), NULL);
		ck_assert_double_eq_tol(top / base, fg->value, 0.0001);
		ck_assert_str_eq(cell(rows, 1 + i, 8), m.d->workforce.basis);
		ck_assert_str_eq(cell(rows, 1 + i, 9), m.d->workforce.date);
		ck_assert_str_eq(cell(rows, 1 + i, 10), "2018-19");
	}
	g_ptr_array_unref(rows);
	g_free(mc);

	char *sc = slurp(dir, "sample-statement-senior-salaries.csv");
	rows = csv_parse(sc);
	static const char *const scols[] = {"Post reference",   "Post title",     "Grade",
					    "Role",             "Number of posts", "Salary from (£)",
					    "Salary to (£)",    "Actual salaries (£)", "Financial year",
					    "Responsibilities", "Budget held (£)", "Post holder", NULL};
	check_header(rows, scols);
	ck_assert_uint_eq(rows->len, 1 + 4);
	ck_assert_int_eq(m.d->nposts, 4);
	for (int i = 0; i < m.d->nposts; i++) {
		const pps_post *p = &m.d->posts[i];
		ck_assert_str_eq(cell(rows, 1 + i, 0), p->id);
		ck_assert_str_eq(cell(rows, 1 + i, 1), text_plain(m.d->arena, &p->title.tx[LANG_EN]));
		char n[16];
		g_snprintf(n, sizeof n, "%d", p->nposts);
		ck_assert_str_eq(cell(rows, 1 + i, 4), n);
		char *lo = pounds(p->points[0]), *hi = pounds(p->points[p->npoints - 1]);
		ck_assert_str_eq(cell(rows, 1 + i, 5), lo);
		ck_assert_str_eq(cell(rows, 1 + i, 6), hi);
		g_free(lo);
		g_free(hi);
		/* One actual salary per holder, each within the range or above it. */
		gchar **act = g_strsplit(cell(rows, 1 + i, 7), "; ", -1);
		ck_assert_int_eq((int)g_strv_length(act), p->nholders);
		for (int k = 0; k < p->nholders; k++) {
			char *want = pounds(p->holders[k].salary);
			ck_assert_str_eq(act[k], want);
			g_free(want);
		}
		g_strfreev(act);
	}
	ck_assert_str_eq(cell(rows, 1, 3), "chief-executive");
	g_ptr_array_unref(rows);
	g_free(sc);
	model_free(&m);

	/* A field with a comma and a quote is quoted, the quote doubled. */
	const char *pairs[] = {"<title>Director</title>", "<title>Director, \"Place\"</title>", NULL, NULL};
	char *xml = variant("csv-quote", ENGLISH, pairs);
	char *out = g_path_get_dirname(xml);
	run_result r = run_ppsgen("render", "-o", out, "--format", "csv", xml, NULL);
	ck_assert_msg(r.status == 0, "render failed: %s", r.err);
	run_free(&r);
	sc = slurp(out, "variant-senior-salaries.csv");
	ck_assert(strstr(sc, "\r\ndir,\"Director, \"\"Place\"\"\",,chief-officer,2,72000.00,78000.00,78000.00; 75000.00,2019-20,,,\r\n") !=
		  NULL);
	rows = csv_parse(sc);
	ck_assert_str_eq(cell(rows, 2, 1), "Director, \"Place\"");
	g_ptr_array_unref(rows);
	g_free(sc);
	g_free(out);
	g_free(xml);
	g_free(dir);
}
END_TEST

/* The whole gender pay gap of the 2017 regulations in every output: the
 * eight people of test_figures' gpg_bonus_hand_computed, written inline. */
static const char *const GPG_PAIRS[] = {
	"<workforce date=\"2019-03-31\" basis=\"fte-base\" median=\"21500\">",
	"<workforce date=\"2019-03-31\" basis=\"fte-base\">"
	"<employee salary=\"15000\" gender=\"m\" bonus=\"500\"/>"
	"<employee salary=\"40000\" gender=\"f\" bonus=\"1000\"/>"
	"<employee salary=\"10000\" gender=\"f\"/>"
	"<employee salary=\"20000\" gender=\"m\" bonus=\"300\"/>"
	"<employee salary=\"12000\" gender=\"m\" bonus=\"0\"/>"
	"<employee salary=\"11000\" gender=\"f\" bonus=\"205.50\"/>"
	"<employee salary=\"30000\" gender=\"m\" bonus=\"1000\"/>"
	"<employee salary=\"15000\" gender=\"f\"/>",
	"<multiples/>",
	"<multiples/><gender-pay-gap/>",
	NULL, NULL};

START_TEST(gender_pay_gap_outputs)
{
	char *xml = variant("gpg-bonus", ENGLISH, GPG_PAIRS);
	char *out = g_path_get_dirname(xml);
	run_result r = run_ppsgen("render", "-o", out, "--format", "pdf,html,csv", xml, NULL);
	ck_assert_msg(r.status == 0, "render failed: %s", r.err);
	run_free(&r);
	/* The service's fields, in its order; percentages without the sign. */
	char *c = slurp(out, "variant-gender-pay-gap.csv");
	ck_assert_str_eq(c, "EmployerName,DiffMeanHourlyPercent,DiffMedianHourlyPercent,DiffMeanBonusPercent,"
			    "DiffMedianBonusPercent,MaleBonusPercent,FemaleBonusPercent,MaleLowerQuartile,"
			    "FemaleLowerQuartile,MaleLowerMiddleQuartile,FemaleLowerMiddleQuartile,"
			    "MaleUpperMiddleQuartile,FemaleUpperMiddleQuartile,MaleTopQuartile,FemaleTopQuartile,"
			    "SnapshotDate\r\n"
			    "Exampleshire District Council,1.3,25.7,-0.5,-20.6,75.0,50.0,0.0,100.0,75.0,25.0,75.0,25.0,"
			    "50.0,50.0,2019-03-31\r\n");
	g_free(c);
	char *html = slurp(out, "variant-en.html");
	htmlDocPtr doc = parse_html(html);
	static const char *const rows[][2] = {{"Mean pay gap", "1.3%"},      {"Median pay gap", "25.7%"},
					      {"Mean bonus gap", "-0.5%"},   {"Median bonus gap", "-20.6%"},
					      {"Men paid a bonus", "75.0%"}, {"Women paid a bonus", "50.0%"}};
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		char *x = g_strdup_printf("//table/tbody/tr[th[@scope='row'][normalize-space(.)='%s']]"
					  "/td[normalize-space(.)='%s']", rows[i][0], rows[i][1]);
		ck_assert_msg(xp_count(doc, x) == 1, "no row %s %s", rows[i][0], rows[i][1]);
		g_free(x);
	}
	xmlFreeDoc(doc);
	g_free(html);
	char *pdf = g_build_filename(out, "variant-en.pdf", NULL);
	char *t = pdf_text(pdf, 0);
	/* The PDF is typeset: a negative gap takes the true minus, U+2212. */
	ck_assert_msg(g_regex_match_simple("Mean bonus gap +\u22120\\.5%", t, 0, 0), "PDF: %.300s", strstr(t, "bonus") ? strstr(t, "bonus") : t);
	ck_assert(g_regex_match_simple("Median bonus gap +\u221220\\.6%", t, 0, 0));
	ck_assert(g_regex_match_simple("Men paid a bonus +75\\.0%", t, 0, 0));
	ck_assert(g_regex_match_simple("Women paid a bonus +50\\.0%", t, 0, 0));
	g_free(t);
	g_free(pdf);
	g_free(out);
	g_free(xml);

	/* Only women paid a bonus: the proportions, no bonus gap (blank in the CSV). */
	GString *wf = g_string_new(GPG_PAIRS[1]);
	g_string_replace(wf, "bonus=\"500\"", "", 0);
	g_string_replace(wf, "bonus=\"300\"", "", 0);
	g_string_replace(wf, "gender=\"m\" bonus=\"1000\"", "gender=\"m\"", 0);
	const char *pairs3[] = {GPG_PAIRS[0], wf->str, GPG_PAIRS[2], GPG_PAIRS[3], NULL, NULL};
	xml = variant("gpg-bonus-women", ENGLISH, pairs3);
	out = g_path_get_dirname(xml);
	r = run_ppsgen("render", "-o", out, "--format", "html,csv", xml, NULL);
	ck_assert_msg(r.status == 0, "render failed: %s", r.err);
	run_free(&r);
	c = slurp(out, "variant-gender-pay-gap.csv");
	ck_assert(strstr(c, "\r\nExampleshire District Council,1.3,25.7,,,0.0,50.0,0.0,") != NULL);
	g_free(c);
	html = slurp(out, "variant-en.html");
	ck_assert(strstr(html, "Mean bonus gap") == NULL);
	ck_assert(strstr(html, "Men paid a bonus") != NULL);
	g_free(html);
	g_string_free(wf, TRUE);
	g_free(out);
	g_free(xml);

	/* No gender recorded: no gender pay gap file at all. */
	xml = variant("gpg-none", ENGLISH, (const char *const[]){NULL, NULL});
	out = g_path_get_dirname(xml);
	r = run_ppsgen("render", "-o", out, "--format", "csv", xml, NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert(strstr(r.out, "gender-pay-gap") == NULL);
	run_free(&r);
	char *none = g_build_filename(out, "variant-gender-pay-gap.csv", NULL);
	ck_assert(!g_file_test(none, G_FILE_TEST_EXISTS));
	g_free(none);
	g_free(out);
	g_free(xml);
}
END_TEST

/* Transparency Code 2015 senior pay in every output: bands from £50,000,
 * a post's responsibilities and budget, a holder named at £150,000 and one
 * not named below it. */
START_TEST(senior_pay_outputs)
{
	const char *pairs[] = {
		"<post id=\"ce\" role=\"chief-executive\" posts=\"1\">\n      <title>Chief Executive</title>",
		"<post id=\"ce\" role=\"chief-executive\" posts=\"1\" budget=\"12500000\">\n      <title>Chief Executive</title>"
		"<responsibilities>Head of paid service; all council services.</responsibilities>",
		"<holder salary=\"78000\"/>",
		"<holder salary=\"78000\" name=\"John Brown\"/>",
		"<lowest-paid scale=\"local\" point=\"1\"/>",
		"<post id=\"md\" role=\"other\"><title>Managing Director, Trading Company</title>"
		"<points>150000 155000</points><holder salary=\"155000\" name=\"Jane Smith\"/></post>"
		"<lowest-paid scale=\"local\" point=\"1\"/>",
		"<workforce date=\"2019-03-31\" basis=\"fte-base\" median=\"21500\">",
		"<workforce date=\"2019-03-31\" basis=\"fte-base\">"
		"<employee salary=\"18793\"/><employee salary=\"52000\"/><employee salary=\"104000\" fte=\"0.5\"/>"
		"<employee salary=\"54999.99\"/><employee salary=\"61000\"/><employee salary=\"104000\"/>",
		"<posts-table/>",
		"<posts-table/><senior-pay/>",
		NULL, NULL};
	char *xml = variant("senior-pay", ENGLISH, pairs);
	char *out = g_path_get_dirname(xml);
	run_result r = run_ppsgen("render", "-o", out, "--format", "pdf,html,csv", xml, NULL);
	ck_assert_msg(r.status == 0, "render failed: %s", r.err);
	run_free(&r);
	r = run_ppsgen("check", xml, NULL); /* notes are listed by check */
	ck_assert_msg(strstr(r.err, ":31:7: note: post \"dir\": the holder's name is not printed or published, as the "
				    "Transparency Code 2015 names only those paid £150,000 or more (this holder is paid "
				    "£78,000)\n") != NULL, "%s", r.err);
	run_free(&r);
	char *c = slurp(out, "variant-senior-pay-bands.csv");
	ck_assert_str_eq(c, "Band,From (£),To (£),Number of employees,Date,Financial year\r\n"
			    "\"£50,000 to £54,999\",50000.00,54999.99,3,2019-03-31,2019-20\r\n"
			    "\"£55,000 to £59,999\",55000.00,59999.99,0,2019-03-31,2019-20\r\n"
			    "\"£60,000 to £64,999\",60000.00,64999.99,1,2019-03-31,2019-20\r\n"
			    "\"£65,000 to £69,999\",65000.00,69999.99,0,2019-03-31,2019-20\r\n"
			    "\"£70,000 to £74,999\",70000.00,74999.99,0,2019-03-31,2019-20\r\n"
			    "\"£75,000 to £79,999\",75000.00,79999.99,0,2019-03-31,2019-20\r\n"
			    "\"£80,000 to £84,999\",80000.00,84999.99,0,2019-03-31,2019-20\r\n"
			    "\"£85,000 to £89,999\",85000.00,89999.99,0,2019-03-31,2019-20\r\n"
			    "\"£90,000 to £94,999\",90000.00,94999.99,0,2019-03-31,2019-20\r\n"
			    "\"£95,000 to £99,999\",95000.00,99999.99,0,2019-03-31,2019-20\r\n"
			    "\"£100,000 to £104,999\",100000.00,104999.99,1,2019-03-31,2019-20\r\n");
	g_free(c);
	c = slurp(out, "variant-senior-salaries.csv");
	ck_assert(g_str_has_prefix(c, "Post reference,Post title,Grade,Role,Number of posts,Salary from (£),"
				      "Salary to (£),Actual salaries (£),Financial year,Responsibilities,"
				      "Budget held (£),Post holder\r\n"));
	ck_assert(strstr(c, "\r\nce,Chief Executive,,chief-executive,1,98000.00,104000.00,104000.00,2019-20,"
			    "Head of paid service; all council services.,12500000.00,\r\n"));
	ck_assert(strstr(c, "\r\ndir,Director,,chief-officer,2,72000.00,78000.00,78000.00; 75000.00,2019-20,,,\r\n"));
	ck_assert(strstr(c, "\r\nmd,\"Managing Director, Trading Company\",,other,1,150000.00,155000.00,155000.00,"
			    "2019-20,,,Jane Smith\r\n"));
	g_free(c);
	char *html = slurp(out, "variant-en.html");
	ck_assert(strstr(html, "John Brown") == NULL);
	htmlDocPtr doc = parse_html(html);
	check_tables(doc);
	ck_assert_int_eq(xp_count(doc, "//table[contains(@class,'senior')]/tbody/tr"), 11 + 3);
	ck_assert_int_eq(xp_count(doc, "//table/tbody/tr[th[normalize-space(.)='50,000 to 54,999']]"
				       "/td[normalize-space(.)='3']"), 1);
	ck_assert_int_eq(xp_count(doc, "//table/tbody/tr[th[normalize-space(.)='Managing Director, Trading Company']]"
				       "/td[normalize-space(.)='Jane Smith']"), 1);
	ck_assert_int_eq(xp_count(doc, "//table/tbody/tr[th[normalize-space(.)='Chief Executive']]"
				       "/td[normalize-space(.)='12,500,000']"), 1);
	ck_assert_int_eq(xp_count(doc, "//p[normalize-space(.)='Remuneration is the salary paid for the contracted "
				       "hours plus any bonus. 5 employees are paid £50,000 or more.']"), 1);
	xmlFreeDoc(doc);
	g_free(html);
	char *pdf = g_build_filename(out, "variant-en.pdf", NULL);
	char *t = pdf_text(pdf, 0);
	ck_assert_msg(g_regex_match_simple("50,000 to 54,999 +3\n", t, 0, 0), "PDF: %s", t);
	ck_assert(g_regex_match_simple("100,000 to 104,999 +1\n", t, 0, 0));
	/* The name may wrap in its column, so pdftotext's lines part it. */
	ck_assert(strstr(t, "Jane") != NULL && strstr(t, "Smith") != NULL);
	ck_assert(strstr(t, "12,500,000") != NULL);
	ck_assert(strstr(t, "John Brown") == NULL);
	g_free(t);
	g_free(pdf);
	g_free(out);
	g_free(xml);
}
END_TEST

/* Charts as drawings: the chart code's SVG inline, named by its alternative
 * text, ids unique on the page, references inside each drawing kept to it,
 * a viewBox and CSS that scale it to a phone; then its figures in a table. */
static void check_charts(const char *html, int want)
{
	htmlDocPtr doc = parse_html(html);
	ck_assert_int_eq(xp_count(doc, "//figure[@class='chart']"), want);
	ck_assert_int_eq(xp_count(doc, "//figure[@class='chart']/div[@class='drawing']/svg[@role='img']"), want);
	ck_assert_int_eq(xp_count(doc, "//figure[@class='chart']//table[@class='chart-figures']"), want);
	xmlXPathObjectPtr o = xp(doc, "//svg[@role='img']");
	for (int i = 0; i < o->nodesetval->nodeNr; i++) {
		char id[64], q[160];
		ck_assert(prop(o->nodesetval->nodeTab[i], "aria-labelledby", id, sizeof id) != NULL);
		g_snprintf(q, sizeof q, "//figure[@class='chart']/p[@id='%s'][string-length(normalize-space(.)) > 20]", id);
		ck_assert_msg(xp_count(doc, q) == 1, "no alternative text %s", id);
	}
	xmlXPathFreeObject(o);
	/* Every id once on the page. */
	o = xp(doc, "//@id");
	GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (int i = 0; i < o->nodesetval->nodeNr; i++) {
		char *v = node_text(o->nodesetval->nodeTab[i]);
		ck_assert_msg(!g_hash_table_contains(ids, v), "id %s twice", v);
		g_hash_table_add(ids, v);
	}
	xmlXPathFreeObject(o);
	xmlFreeDoc(doc);
	/* Each drawing's references point into itself. */
	int n = 0;
	for (const char *p = html; (p = strstr(p, "<svg ")) != NULL; n++) {
		const char *end = strstr(p, "</svg>");
		ck_assert(end != NULL);
		const char *lab = strstr(p, "aria-labelledby=\"pps-c");
		ck_assert(lab != NULL && lab < end);
		int k = atoi(lab + strlen("aria-labelledby=\"pps-c"));
		char *mine = g_strdup_printf("href=\"#pps-c%d-", k);
		int refs = 0;
		for (const char *r = p; (r = strstr(r, "href=\"#")) != NULL && r < end; r++, refs++) {
			ck_assert_msg(g_str_has_prefix(r, mine), "chart %d refers outside itself", k);
			const char *q = r + strlen("href=\"#");
			char *ref = g_strndup(q, strcspn(q, "\""));
			ck_assert_msg(g_hash_table_contains(ids, ref), "no id %s", ref);
			g_free(ref);
		}
		ck_assert_int_gt(refs, 0); /* the labels are drawn as glyphs */
		ck_assert(strstr(p, "<?xml") == NULL || strstr(p, "<?xml") > end);
		/* Scales: a viewBox, and no size in points (the CSS sets the width). */
		const char *gt = strchr(p, '>');
		char *root = g_strndup(p, (gsize)(gt - p));
		ck_assert_msg(g_regex_match_simple(" viewBox=\"0 0 [0-9]+ [0-9]+\" ", root, 0, 0), "%s", root);
		ck_assert(strstr(root, "pt\"") == NULL);
		g_free(root);
		g_free(mine);
		p = end;
	}
	ck_assert_int_eq(n, want);
	g_hash_table_destroy(ids);
	ck_assert(strstr(html, "figure.chart svg{display:block;max-width:100%;height:auto}") != NULL);
}

START_TEST(charts_as_svg)
{
	const char *opts[] = {"--format", "html", NULL};
	char *dir = render_to("html-charts", SAMPLE, opts);
	char *en = slurp(dir, "sample-statement-en.html");
	check_charts(en, 4);
	char *cy = slurp(dir, "sample-statement-cy.html");
	check_charts(cy, 4);
	g_free(cy);
	/* The figures tables say what the drawings show. */
	model m;
	model_load(&m, SAMPLE);
	htmlDocPtr doc = parse_html(en);
	const char *tq = "//table[@class='chart-figures']";
	/* Pay structure: Grade A is SCP 9 alone, £15,375 (seed Appendix A). */
	ck_assert_int_eq(xp_count(doc, "//table[@class='chart-figures']/tbody/tr[th='Grade A']"
				       "[td[1]='9'][td[2]='15,375'][td[3]='15,375']"), 1);
	ck_assert_int_eq(xp_count(doc, "//table[@class='chart-figures']/tbody/tr[th='Grade C']"
				       "[td[1]='11\xe2\x80\x93" "13'][td[2]='15,807'][td[3]='16,491']"), 1);
	ck_assert_int_eq(xp_count(doc, "//table[@class='chart-figures']/tbody/tr[th='Lowest paid'][td[2]='15,375']"), 1);
	for (int i = 0; i < m.d->nmultiples; i++) {
		const pps_figure *fg = fig_get(&m.f, m.d->multiples[i].id);
		char *q = g_strdup_printf("%s/tbody/tr[th='%s'][td[1]='%s']", tq,
					  text_plain(m.d->arena, &m.d->multiples[i].label.tx[LANG_EN]), fg->display);
		ck_assert_msg(xp_count(doc, q) == 1, "%s", q);
		g_free(q);
	}
	static const char *const qn[] = {"Lower", "Lower middle", "Upper middle", "Upper"};
	for (int k = 0; k < 4; k++) {
		char id[24];
		g_snprintf(id, sizeof id, "gpg-q%d-men", k + 1);
		char *q = g_strdup_printf("%s/tbody/tr[th='%s'][td[1]='%s']", tq, qn[k], fig_get(&m.f, id)->display);
		ck_assert_msg(xp_count(doc, q) == 1, "%s", q);
		g_free(q);
	}
	xmlFreeDoc(doc);
	model_free(&m);
	g_free(en);
	g_free(dir);
	/* The bilingual file: each chart once per language, ids still unique. */
	const char *opts2[] = {"--format", "html", "--layout", "parallel", NULL};
	dir = render_to("html-charts-bi", SAMPLE, opts2);
	char *bi = slurp(dir, "sample-statement-bilingual.html");
	check_charts(bi, 8);
	g_free(bi);
	g_free(dir);
}
END_TEST

/* A proposal read from the statement: its figures in `ppsgen figures` and
 * in the prose of both outputs.  Lowest paid proposed: local point 2 at
 * £17,800; lowest to CE 104,000 / 17,800 = 5.8427 -> 1:5.8 (now 104,000 /
 * 17,364 = 5.99 -> 1:6.0); median to CE unchanged, 4.84 : 1. */
START_TEST(proposal_figures)
{
	const char *pairs[] = {
		"<lowest-paid scale=\"local\" point=\"1\"/>",
		"<lowest-paid scale=\"local\" point=\"1\"/>"
		"<proposal effective=\"2019-10-01\"><scale ref=\"local\"><point n=\"2\" salary=\"17800\"/>"
		"<point n=\"3\" salary=\"18065\"/></scale><post ref=\"dir\"><points>72000 76000 78000</points></post>"
		"<lowest-paid scale=\"local\" point=\"2\"/></proposal>",
		"<posts-table/>",
		"<posts-table/><proposal-table scale=\"local\"/><proposal-table post=\"dir\"/>",
		"The median salary is <fig ref=\"median\"/>.",
		"The median salary is <fig ref=\"median\"/>. From October the lowest paid would earn "
		"<fig ref=\"lowest-salary-proposed\"/> and the multiple be <fig ref=\"lowest-to-ce-proposed\"/>.",
		NULL, NULL};
	char *xml = variant("proposal", ENGLISH, pairs);
	run_result r = run_ppsgen("figures", xml, NULL);
	ck_assert_msg(r.status == 0, "figures failed: %s", r.err);
	static const char *const want[][2] = {{"lowest-salary-proposed", "£17,800"},
					      {"lowest-hourly-proposed", "£9.23"},
					      {"lowest-to-ce", "1:6.0"},
					      {"lowest-to-ce-proposed", "1:5.8"},
					      {"median-to-ce-proposed", "4.84 : 1"}};
	for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
		char *got = json_display(r.out, want[i][0]);
		ck_assert_msg(got != NULL, "no %s", want[i][0]);
		ck_assert_str_eq(got, want[i][1]);
		g_free(got);
	}
	run_free(&r);
	char *out = g_path_get_dirname(xml);
	r = run_ppsgen("render", "-o", out, "--format", "pdf,html", xml, NULL);
	ck_assert_msg(r.status == 0, "render failed: %s", r.err);
	run_free(&r);
	char *html = slurp(out, "variant-en.html");
	ck_assert(strstr(html, "the lowest paid would earn £17,800 and the multiple be 1:5.8.") != NULL);
	/* Side by side, the change in words: local point 1 dropped, 2 paid
	 * £17,800 instead of £17,711, 3 kept, 4 to 6 dropped; the directors'
	 * £75,000 dropped and £76,000 added. */
	htmlDocPtr doc = parse_html(html);
	check_tables(doc);
	static const char *const rows[][5] = {
		{"1", "17,364", "", "dropped"}, {"2", "17,711", "17,800", "new salary"}, {"3", "18,065", "18,065", "kept"},
		{"6", "19,171", "", "dropped"}, {"72,000", "72,000", "72,000", "kept"}, {"75,000", "75,000", "", "dropped"},
		{"76,000", "", "76,000", "added"}};
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		char *q = g_strdup_printf("//table[@class='proposal']/tbody/tr[th='%s'][td[1]='%s'][td[2]='%s'][td[3]='%s']",
					  rows[i][0], rows[i][1], rows[i][2], rows[i][3]);
		ck_assert_msg(xp_count(doc, q) == 1, "%s", q);
		g_free(q);
	}
	ck_assert_int_eq(xp_count(doc, "//table[@class='proposal']/tbody/tr"), 6 + 4);
	/* <multiples/>: each ratio now and as proposed, in its own column. */
	ck_assert_int_eq(xp_count(doc, "//table[@class='multiples']/thead/tr[th[2]='Current ratio']"
				       "[th[3]='Proposed from\u00a01 October 2019'][th[4]='How it is calculated']"), 1);
	ck_assert_int_eq(xp_count(doc, "//table[@class='multiples']/tbody/tr[th='Lowest paid to Chief Executive']"
				       "[td[1]='1:6.0'][td[2]='1:5.8']"), 1);
	ck_assert_int_eq(xp_count(doc, "//table[@class='multiples']/tbody/tr[th='Median to Chief Executive']"
				       "[td[1]='4.84 : 1'][td[2]='4.84 : 1']"), 1);
	ck_assert_int_eq(xp_count(doc, "//table[@class='multiples']//td[contains(., 'not defined')]"), 0);
	/* Whom the proposed value divides by, when the proposal changes who the
	 * lowest paid are: said after the method, for that multiple alone. */
	ck_assert_int_eq(xp_count(doc, "//table[@class='multiples']/tbody/tr[th='Lowest paid to Chief Executive']"
				       "[contains(td[3], 'Proposed: with the lowest paid as the proposal defines them, "
				       "Local pay scale point 2 (£17,800).')]"),
			 1);
	ck_assert_int_eq(xp_count(doc, "//table[@class='multiples']//td[contains(., 'Proposed:')]"), 1);
	ck_assert_int_eq(xp_count(doc, "//table[@class='proposal']/caption[normalize-space(.)='Current and proposed "
				       "points: Local pay scale (proposed from 1 October 2019)']"), 1);
	xmlFreeDoc(doc);
	g_free(html);
	char *pdf = g_build_filename(out, "variant-en.pdf", NULL);
	char *t = pdf_text(pdf, 0);
	ck_assert_msg(g_regex_match_simple("\n *2 +17,711 +17,800 +new salary\n", t, 0, 0), "PDF: %.3000s", t);
	ck_assert(g_regex_match_simple("\n *75,000 +75,000 +dropped\n", t, 0, 0));
	ck_assert(g_regex_match_simple("\n *76,000 +76,000 +added\n", t, 0, 0));
	ck_assert(g_regex_match_simple("would\\s+earn\\s+£17,800\\s+and\\s+the\\s+multiple\\s+be\\s+1:5\\.8", t, 0, 0));
	ck_assert_msg(g_regex_match_simple("\n *Lowest paid( to)? +1:6\\.0 +1:5\\.8 ", t, 0, 0), "PDF: %.3000s", t);
	ck_assert(g_regex_match_simple("\n *Pay multiple +Current +Proposed +How it is calculated\n", t, 0, 0));
	g_free(t);
	g_free(pdf);
	g_free(out);
	g_free(xml);
}
END_TEST

/* A proposal that drops the point the lowest-paid definition names and
 * gives no definition of its own: the multiples based on the lowest paid
 * are not defined under it, and the table says so in words beside the
 * dash, in the HTML and the PDF; the median's multiple is still shown. */
START_TEST(proposal_multiple_undefined)
{
	const char *pairs[] = {"<lowest-paid scale=\"local\" point=\"1\"/>",
			       "<lowest-paid scale=\"local\" point=\"1\"/>"
			       "<proposal effective=\"2019-10-01\"><scale ref=\"local\"><point n=\"2\" salary=\"17800\"/>"
			       "<point n=\"3\" salary=\"18065\"/></scale></proposal>",
			       NULL, NULL};
	char *xml = variant("proposal-undefined", ENGLISH, pairs);
	char *out = g_path_get_dirname(xml);
	run_result r = run_ppsgen("render", "-o", out, "--format", "pdf,html", xml, NULL);
	ck_assert_msg(r.status == 0, "render failed: %s", r.err);
	ck_assert_msg(strstr(r.err, "the proposal drops point 1 of scale \"local\"") != NULL, "%s", r.err);
	run_free(&r);
	static const char why[] = "Proposed: not defined, because the proposal drops the point that the lowest-paid "
				  "definition names (Local pay scale, point 1).";
	char *html = slurp(out, "variant-en.html");
	htmlDocPtr doc = parse_html(html);
	char *q = g_strdup_printf("//table[@class='multiples']/tbody/tr[th='Lowest paid to Chief Executive']"
				  "[td[1]='1:6.0'][td[2]='–'][contains(td[3], '%s')]",
				  why);
	ck_assert_msg(xp_count(doc, q) == 1, "%s", q);
	g_free(q);
	ck_assert_int_eq(xp_count(doc, "//table[@class='multiples']/tbody/tr[th='Median to Chief Executive']"
				       "[td[1]='4.84 : 1'][td[2]='4.84 : 1'][not(contains(td[3], 'not defined'))]"),
			 1);
	xmlFreeDoc(doc);
	g_free(html);
	char *pdf = g_build_filename(out, "variant-en.pdf", NULL);
	char *t = pdf_text(pdf, 0);
	ck_assert_msg(g_regex_match_simple("\n *Lowest paid( to)? +1:6\\.0 +– ", t, 0, 0), "PDF: %.3000s", t);
	GRegex *ws = g_regex_new("\\s+", 0, 0, NULL);
	char *flat = g_regex_replace_literal(ws, t, -1, 0, " ", 0, NULL);
	g_regex_unref(ws);
	ck_assert_msg(strstr(flat, why) != NULL, "PDF: %.3000s", flat);
	g_free(flat);
	g_free(t);
	g_free(pdf);
	g_free(out);
	g_free(xml);
}
END_TEST

/* Grade bands under a proposal, by hand: the current grades 1 (points 1-2,
 * £17,364-£17,711), 2 (3-4, £18,065-£18,426) and 3 (5-6, £18,795-£19,171);
 * the proposal keeps points 3-6, pays 5 and 6 £18,900 and £19,300 and adds
 * 7 and 8 as a new grade 4.  So grade 1 is dropped (none of its points
 * left), 2 kept, 3 gets a new range and 4 is added; in words, in the HTML
 * and the PDF. */
START_TEST(proposal_grade_bands)
{
	const char *pairs[] = {
		"<grade id=\"1\" from=\"1\" to=\"3\" score-from=\"0\" score-to=\"249\"/>",
		"<grade id=\"1\" from=\"1\" to=\"2\"/><grade id=\"2b\" from=\"3\" to=\"4\"><name>Grade 2</name></grade>",
		"<grade id=\"2\" from=\"4\" to=\"6\" score-from=\"250\" score-to=\"349\"/>",
		"<grade id=\"3\" from=\"5\" to=\"6\"/>",
		"<lowest-paid scale=\"local\" point=\"1\"/>",
		"<lowest-paid scale=\"local\" point=\"1\"/>"
		"<proposal effective=\"2019-10-01\"><scale ref=\"local\"><point n=\"3\" salary=\"18065\"/>"
		"<point n=\"4\" salary=\"18426\"/><point n=\"5\" salary=\"18900\"/><point n=\"6\" salary=\"19300\"/>"
		"<point n=\"7\" salary=\"19600\"/><point n=\"8\" salary=\"20100\"/>"
		"<grade id=\"4\" from=\"7\" to=\"8\"/></scale><lowest-paid scale=\"local\" point=\"3\"/></proposal>",
		"<posts-table/>",
		"<posts-table/><proposal-table scale=\"local\" by=\"grade\"/>",
		NULL, NULL};
	char *xml = variant("proposal-grades", ENGLISH, pairs);
	char *out = g_path_get_dirname(xml);
	run_result r = run_ppsgen("render", "-o", out, "--format", "pdf,html", xml, NULL);
	ck_assert_msg(r.status == 0, "render failed: %s", r.err);
	run_free(&r);
	static const char *const rows[][6] = {{"Grade 1", "1–2", "17,364–17,711", "", "", "dropped"},
					      {"Grade 2", "3–4", "18,065–18,426", "3–4", "18,065–18,426", "kept"},
					      {"Grade 3", "5–6", "18,795–19,171", "5–6", "18,900–19,300", "new range"},
					      {"Grade 4", "", "", "7–8", "19,600–20,100", "added"}};
	char *html = slurp(out, "variant-en.html");
	htmlDocPtr doc = parse_html(html);
	check_tables(doc);
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		char *q = g_strdup_printf("//table[@class='proposal-grades']/tbody/tr[%zu][th='%s'][td[1]='%s'][td[2]='%s']"
					  "[td[3]='%s'][td[4]='%s'][td[5]='%s']",
					  i + 1, rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4], rows[i][5]);
		ck_assert_msg(xp_count(doc, q) == 1, "%s", q);
		g_free(q);
	}
	ck_assert_int_eq(xp_count(doc, "//table[@class='proposal-grades']/tbody/tr"), 4);
	ck_assert_int_eq(xp_count(doc, "//table[@class='proposal-grades']/caption[normalize-space(.)='Current and "
				       "proposed grades: Local pay scale (proposed from 1 October 2019)']"),
			 1);
	ck_assert_int_eq(xp_count(doc, "//table[@class='proposal-grades']/thead/tr[th[1]='Grade'][th[2]='Current "
				       "points'][th[3]='Current (£)'][th[4]='Proposed points'][th[5]='Proposed (£)']"
				       "[th[6]='Change']"),
			 1);
	xmlFreeDoc(doc);
	g_free(html);
	char *pdf = g_build_filename(out, "variant-en.pdf", NULL);
	char *t = pdf_text(pdf, 0);
	ck_assert_msg(g_regex_match_simple("\n *Grade 1 +1–2 +17,364–17,711 +dropped\n", t, 0, 0), "PDF: %.4000s", t);
	ck_assert(g_regex_match_simple("\n *Grade 2 +3–4 +18,065–18,426 +3–4 +18,065–18,426 +kept\n", t, 0, 0));
	ck_assert(g_regex_match_simple("\n *Grade 3 +5–6 +18,795–19,171 +5–6 +18,900–19,300 +new range\n", t, 0, 0));
	ck_assert(g_regex_match_simple("\n *Grade 4 +7–8 +19,600–20,100 +added\n", t, 0, 0));
	ck_assert(strstr(t, "which grades the proposal keeps") != NULL);
	g_free(t);
	g_free(pdf);
	g_free(out);
	g_free(xml);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("html");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, english_only_statement);
	tcase_add_test(tc, gender_pay_gap_outputs);
	tcase_add_test(tc, senior_pay_outputs);
	tcase_add_test(tc, charts_as_svg);
	tcase_add_test(tc, proposal_figures);
	tcase_add_test(tc, proposal_multiple_undefined);
	tcase_add_test(tc, proposal_grade_bands);
	tcase_add_test(tc, single_language_files_of_bilingual_statement);
	tcase_add_test(tc, bilingual_file);
	tcase_add_test(tc, escaping_and_unsafe_links);
	tcase_add_test(tc, one_appendix_and_determinism);
	tcase_add_test(tc, open_data_csv);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
