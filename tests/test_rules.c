/* test_rules.c — the rulebooks and rules.c: every statutory topic, removed from a
 * complete statement (tests/fixtures/law/base-*.xml), gives exactly the message in
 * expected-*.txt; unknown covers= ids, approval and year dates, strict mode, and
 * the compliance rows in English and Welsh. */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "rules.h"
#include "template.h"
#include "testutil.h"
#include "xml_read.h"

#ifndef PPS_SOURCE_DIR
#define PPS_SOURCE_DIR "."
#endif
#define LAW_DIR PPS_SOURCE_DIR "/tests/fixtures/law"
#define SCHEMA PPS_SOURCE_DIR "/templates/statement.rng"

/* ---- Helpers ---------------------------------------------------------- */

static char *slurp(const char *path)
{
	char *text = NULL;
	GError *err = NULL;
	if (!g_file_get_contents(path, &text, NULL, &err))
		ck_abort_msg("cannot read %s: %s", path, err->message);
	return text;
}

/* One topic's expectation from expected-<j>.txt: "id<TAB>line". */
typedef struct {
	char *id;
	char *line;
} expectation;

/* Every non-comment line of expected-<j>.txt; *n set to the count. */
static expectation *read_expected(const char *jurisdiction, int *n)
{
	char *path = g_strdup_printf(LAW_DIR "/expected-%s.txt", jurisdiction);
	char *text = slurp(path);
	gchar **lines = g_strsplit(text, "\n", -1);
	expectation *e = g_new0(expectation, g_strv_length(lines) + 1);
	*n = 0;
	for (gchar **l = lines; *l; l++) {
		if (!**l || **l == '#')
			continue;
		char *tab = strchr(*l, '\t');
		ck_assert_msg(tab != NULL, "%s: no tab in \"%s\"", path, *l);
		e[*n].id = g_strndup(*l, (gsize)(tab - *l));
		e[*n].line = g_strdup(tab + 1);
		(*n)++;
	}
	g_strfreev(lines);
	g_free(text);
	g_free(path);
	return e;
}

static void free_expected(expectation *e, int n)
{
	for (int i = 0; i < n; i++) {
		g_free(e[i].id);
		g_free(e[i].line);
	}
	g_free(e);
}

/* xml with `topic` removed from every covers="…"; an emptied attribute is
 * dropped with its leading space (the schema wants at least one id). */
static char *remove_topic(const char *xml, const char *topic)
{
	GString *out = g_string_new(NULL);
	const char *p = xml;
	for (const char *hit; (hit = strstr(p, " covers=\""));) {
		g_string_append_len(out, p, hit - p);
		const char *val = hit + strlen(" covers=\"");
		const char *end = strchr(val, '"');
		ck_assert(end != NULL);
		char *v = g_strndup(val, (gsize)(end - val));
		gchar **ids = g_strsplit(v, " ", -1);
		GString *kept = g_string_new(NULL);
		for (gchar **q = ids; *q; q++)
			if (**q && strcmp(*q, topic) != 0)
				g_string_append_printf(kept, "%s%s", kept->len ? " " : "", *q);
		if (kept->len)
			g_string_append_printf(out, " covers=\"%s\"", kept->str);
		g_string_free(kept, TRUE);
		g_strfreev(ids);
		g_free(v);
		p = end + 1;
	}
	g_string_append(out, p);
	return g_string_free(out, FALSE);
}

/* s with the first `from` replaced by `to`; the test fails when it is absent. */
static char *replace_once(const char *s, const char *from, const char *to)
{
	const char *hit = strstr(s, from);
	ck_assert_msg(hit != NULL, "fixture lacks \"%s\"", from);
	/* Built from an offset into s, not from hit: GCC 12 at -O2 cannot see that
	 * hit points into s and warns of a dangling pointer (-Wdangling-pointer). */
	size_t at = (size_t)(hit - s);
	GString *out = g_string_new_len(s, (gssize)at);
	g_string_append(out, to);
	g_string_append(out, s + at + strlen(from));
	return g_string_free(out, FALSE);
}

/* s without the attribute ` name="…"`. */
static char *remove_attr(const char *s, const char *name)
{
	char *pat = g_strdup_printf(" %s=\"", name);
	const char *hit = strstr(s, pat);
	ck_assert_msg(hit != NULL, "fixture lacks %s=", name);
	const char *end = strchr(hit + strlen(pat), '"');
	char *out = g_strdup_printf("%.*s%s", (int)(hit - s), s, end + 1);
	g_free(pat);
	return out;
}

/* 1-based line and column of the first `needle` in s (ASCII before it). */
static void line_col(const char *s, const char *needle, int *line, int *col)
{
	const char *hit = strstr(s, needle);
	ck_assert_msg(hit != NULL, "fixture lacks \"%s\"", needle);
	*line = 1;
	const char *bol = s;
	for (const char *p = s; p < hit; p++)
		if (*p == '\n') {
			(*line)++;
			bol = p + 1;
		}
	*col = (int)(hit - bol) + 1;
}

typedef struct {
	char *dir;
	char *path;
	pps_template *tpl;
	pps_doc *doc;
	diag_ctx dc;
} checked;

/* Writes text to a fresh temporary statement, reads it with the schema and
 * runs rules_check; every message lands in r->dc. */
static void check_statement(checked *r, const char *text, bool strict)
{
	*r = (checked){0};
	diag_init(&r->dc);
	r->dc.strict = strict;
	r->tpl = tpl_load(PPS_SOURCE_DIR "/templates", PPS_SOURCE_DIR "/fonts", &r->dc);
	ck_assert_msg(r->tpl != NULL, "templates do not load");
	GError *err = NULL;
	r->dir = g_dir_make_tmp("ppsgen-rules-XXXXXX", &err);
	ck_assert_msg(r->dir != NULL, "no temporary directory");
	r->path = g_build_filename(r->dir, "statement.xml", NULL);
	ck_assert(g_file_set_contents(r->path, text, -1, NULL));
	r->doc = xml_read_statement(r->path, SCHEMA, &r->dc);
	if (!r->doc) {
		diag_print(&r->dc, stderr);
		ck_abort_msg("the statement does not read");
	}
	rules_check(r->doc, r->tpl, &r->dc);
}

static void checked_free(checked *r)
{
	doc_free(r->doc);
	tpl_free(r->tpl);
	diag_clear(&r->dc);
	g_unlink(r->path);
	g_rmdir(r->dir);
	g_free(r->path);
	g_free(r->dir);
}

/* The messages as printed, without the statement's path: "warning: …" or
 * "12:5: error: …", one per line. */
static char *messages(const checked *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	diag_print(&r->dc, f);
	fclose(f);
	GString *out = g_string_new(NULL);
	gchar **lines = g_strsplit(buf, "\n", -1);
	size_t plen = strlen(r->path);
	for (gchar **l = lines; *l; l++) {
		if (!**l)
			continue;
		const char *m = *l;
		if (strncmp(m, r->path, plen) == 0 && m[plen] == ':')
			m += plen + 1 + (m[plen + 1] == ' ');
		g_string_append_printf(out, "%s\n", m);
	}
	g_strfreev(lines);
	free(buf);
	return g_string_free(out, FALSE);
}

static char *base_text(const char *jurisdiction)
{
	char *path = g_strdup_printf(LAW_DIR "/base-%s.xml", jurisdiction);
	char *text = slurp(path);
	g_free(path);
	return text;
}

/* The base with `topic` taken away: out of every covers=, or for the dated
 * topic, its approved= date. */
static char *without_topic(const char *base, const char *topic)
{
	if (strcmp(topic, "approval") == 0)
		return remove_attr(base, "approved");
	char *t = remove_topic(base, topic);
	ck_assert_msg(strcmp(t, base) != 0, "the base fixture does not cover \"%s\"", topic);
	return t;
}

static void check_each_topic(const char *jurisdiction, int i)
{
	int n;
	expectation *e = read_expected(jurisdiction, &n);
	ck_assert_int_lt(i, n);
	char *base = base_text(jurisdiction);
	char *text = without_topic(base, e[i].id);
	checked r;
	check_statement(&r, text, false);
	char *got = messages(&r);
	char *want = g_strdup_printf("%s\n", e[i].line);
	ck_assert_msg(strcmp(got, want) == 0, "%s without \"%s\":\n got: %s want: %s", jurisdiction, e[i].id, got,
		      want);
	ck_assert(!diag_failed(&r.dc)); /* warnings only, unless --strict */
	g_free(want);
	g_free(got);
	checked_free(&r);
	g_free(text);
	g_free(base);
	free_expected(e, n);
}

/* ---- One fixture per topic ------------------------------------------- */

START_TEST(wales_each_topic) { check_each_topic("wales", _i); }
END_TEST

START_TEST(england_each_topic) { check_each_topic("england", _i); }
END_TEST

/* Everything taken away at once: every expected line, in rulebook order and
 * nothing else, which also proves expected-*.txt lists every rulebook topic. */
static void check_all_missing(const char *jurisdiction)
{
	int n;
	expectation *e = read_expected(jurisdiction, &n);
	char *text = base_text(jurisdiction);
	GString *want = g_string_new(NULL);
	for (int i = 0; i < n; i++) {
		char *next = without_topic(text, e[i].id);
		g_free(text);
		text = next;
		g_string_append_printf(want, "%s\n", e[i].line);
	}
	ck_assert_ptr_null(strstr(text, " covers=\""));
	checked r;
	check_statement(&r, text, false);
	char *got = messages(&r);
	ck_assert_str_eq(got, want->str);
	g_free(got);
	checked_free(&r);
	g_string_free(want, TRUE);
	g_free(text);
	free_expected(e, n);
}

START_TEST(wales_all_missing) { check_all_missing("wales"); }
END_TEST

START_TEST(england_all_missing) { check_all_missing("england"); }
END_TEST

START_TEST(complete_fixtures_are_quiet)
{
	const char *js[] = {"wales", "england"};
	for (int i = 0; i < 2; i++) {
		char *text = base_text(js[i]);
		checked r;
		check_statement(&r, text, true);
		char *got = messages(&r);
		ck_assert_msg(r.dc.n == 0, "%s: %s", js[i], got);
		ck_assert_str_eq(r.doc->jurisdiction, js[i]);
		g_free(got);
		checked_free(&r);
		g_free(text);
	}
}
END_TEST

/* ---- Unknown ids ------------------------------------------------------ */

START_TEST(unknown_id_near_miss)
{
	/* "bonus" for "bonuses": an error where it is written, a suggestion, and
	 * the real topic is then missing. */
	char *base = base_text("wales");
	const char *from = "<p covers=\"performance-related-pay bonuses\">";
	char *text = replace_once(base, from, "<p covers=\"performance-related-pay bonus\">");
	int line, col;
	line_col(text, "<p covers=\"performance-related-pay bonus\">", &line, &col);
	checked r;
	check_statement(&r, text, false);
	char *got = messages(&r);
	char *want = g_strdup_printf(
		"%d:%d: error: \"bonus\" in covers= is not a topic of the wales rulebook (rules-wales.xml); "
		"did you mean \"bonuses\"?\n"
		"warning: topic \"bonuses\" is not covered: Bonuses for chief officers (Localism Act 2011 "
		"s38(4)(e)); add covers=\"bonuses\" to the section that deals with it (saying that it does not "
		"apply counts)\n",
		line, col);
	ck_assert_str_eq(got, want);
	ck_assert(diag_has(&r.dc, DIAG_TOPIC_UNKNOWN));
	ck_assert(diag_failed(&r.dc));
	g_free(want);
	g_free(got);
	checked_free(&r);
	g_free(text);
	g_free(base);
}
END_TEST

START_TEST(unknown_id_other_jurisdiction)
{
	/* irpw is a Welsh topic: England's rulebook does not know it. */
	char *base = base_text("england");
	char *text = replace_once(base, "<section id=\"tax\" covers=\"off-payroll\">",
				  "<section id=\"tax\" covers=\"off-payroll irpw\">");
	int line, col;
	line_col(text, "<section id=\"tax\"", &line, &col);
	checked r;
	check_statement(&r, text, false);
	char *got = messages(&r);
	char *want = g_strdup_printf("%d:%d: error: \"irpw\" in covers= is not a topic of the england rulebook "
				     "(rules-england.xml); use one of the topic ids listed there\n",
				     line, col);
	ck_assert_str_eq(got, want);
	ck_assert_int_eq(r.dc.msgs[0].line, line);
	g_free(want);
	g_free(got);
	checked_free(&r);
	g_free(text);
	g_free(base);
}
END_TEST

/* ---- Dates ------------------------------------------------------------ */

static char *check_dates_variant(const char *jurisdiction, const char *from, const char *to, bool strict,
				 bool *failed)
{
	char *base = base_text(jurisdiction);
	char *text = replace_once(base, from, to);
	checked r;
	check_statement(&r, text, strict);
	char *got = messages(&r);
	if (failed)
		*failed = diag_failed(&r.dc);
	checked_free(&r);
	g_free(text);
	g_free(base);
	return got;
}

START_TEST(approval_late)
{
	bool failed;
	char *got = check_dates_variant("wales", "approved=\"2018-02-28\"", "approved=\"2018-04-02\"", false, &failed);
	ck_assert_str_eq(got, "warning: approved on 2018-04-02, after 31 March 2018: Localism Act 2011 s39 requires "
			      "full Council to approve the statement before the financial year begins; check the "
			      "date\n");
	ck_assert(!failed);
	g_free(got);
	/* The 31st itself is in time ("before the end of 31 March"). */
	got = check_dates_variant("wales", "approved=\"2018-02-28\"", "approved=\"2018-03-31\"", false, NULL);
	ck_assert_str_eq(got, "");
	g_free(got);
}
END_TEST

START_TEST(draft_without_approval_is_quiet)
{
	char *base = base_text("england");
	char *a = remove_attr(base, "approved");
	char *text = replace_once(a, "status=\"approved\"", "status=\"draft\"");
	checked r;
	check_statement(&r, text, true);
	ck_assert_int_eq(r.dc.n, 0);
	checked_free(&r);
	g_free(text);
	g_free(a);
	g_free(base);
}
END_TEST

START_TEST(year_mismatch)
{
	const char *want = "warning: the statement is for 2018-19 (1 April 2018 to 31 March 2019) but takes effect on "
			   "%s; correct <year start> or effective=\n";
	const char *bad[] = {"2019-04-01", "2018-03-31", "2017-06-01"};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		char *to = g_strdup_printf("effective=\"%s\"", bad[i]);
		char *got = check_dates_variant("england", "effective=\"2018-04-01\"", to, false, NULL);
		char *exp = g_strdup_printf(want, bad[i]);
		ck_assert_str_eq(got, exp);
		g_free(exp);
		g_free(got);
		g_free(to);
	}
	char *got = check_dates_variant("england", "effective=\"2018-04-01\"", "effective=\"2019-03-31\"", false, NULL);
	ck_assert_str_eq(got, "");
	g_free(got);
}
END_TEST

START_TEST(strict_makes_warnings_errors)
{
	bool failed;
	char *got = check_dates_variant("wales", "approved=\"2018-02-28\"", "approved=\"2018-04-02\"", true, &failed);
	ck_assert(failed);
	ck_assert_msg(g_str_has_prefix(got, "error: approved on 2018-04-02"), "%s", got);
	g_free(got);

	char *base = base_text("wales");
	char *text = remove_topic(base, "irpw");
	checked r;
	check_statement(&r, text, true);
	char *m = messages(&r);
	ck_assert(diag_failed(&r.dc));
	ck_assert_msg(g_str_has_prefix(m, "error: topic \"irpw\" is not covered"), "%s", m);
	g_free(m);
	checked_free(&r);
	g_free(text);
	g_free(base);
}
END_TEST

/* ---- Compliance rows and the report ---------------------------------- */

static GHashTable *pages(const char *prefix)
{
	static const struct {
		const char *id;
		int page;
	} at[] = {{"purpose", 3},  {"lowest-paid", 3}, {"chief-officers", 4}, {"levels", 5},
		  {"recruitment", 5}, {"relativities", 6}, {"leaving", 7},    {"irpw", 7},
		  {"tax", 8},      {"publication", 8}, {"scales", 10},       {"posts", 11},
		  {"posts-list", 12}};
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(at); i++)
		g_hash_table_insert(h, g_strconcat(prefix, at[i].id, NULL), GINT_TO_POINTER(at[i].page));
	return h;
}

/* The row whose topic name (in the language asked) is `name`. */
static int row_of(const rules_table_spec *s, const char *name)
{
	for (int i = 0; i < s->nrows; i++)
		if (strcmp(s->cells[i * 3], name) == 0)
			return i;
	ck_abort_msg("no row \"%s\"", name);
	return -1;
}

static void assert_row(const rules_table_spec *s, const char *name, const char *source, const char *where)
{
	int i = row_of(s, name);
	ck_assert_str_eq(s->cells[i * 3 + 1], source);
	ck_assert_str_eq(s->cells[i * 3 + 2], where);
}

START_TEST(compliance_rows_english_and_welsh)
{
	char *base = base_text("wales");
	char *text = remove_topic(base, "bonuses");
	checked r;
	check_statement(&r, text, false);
	GHashTable *po = pages("");
	arena *a = arena_new();
	rules_table_spec en, cy;
	ck_assert(rules_compliance_rows(r.doc, r.tpl, LANG_EN, po, "", &en, a));
	ck_assert(rules_compliance_rows(r.doc, r.tpl, LANG_CY, po, "", &cy, a));
	int n;
	expectation *e = read_expected("wales", &n);
	ck_assert_int_eq(en.nrows, n);
	ck_assert_int_eq(cy.nrows, n);
	free_expected(e, n);

	/* Rulebook order: the Act's order. */
	ck_assert_str_eq(en.cells[0], "Policy on the remuneration of chief officers");
	assert_row(&en, "Policy on the remuneration of chief officers", "Localism Act 2011 s38(2)(a)",
		   "3 Chief officers, page 4; Appendix A Pay scales, page 10");
	/* A subsection, and a table with its own id in an appendix. */
	assert_row(&en, "Level and elements of remuneration for each chief officer", "Localism Act 2011 s38(4)(a)",
		   "3.1 Pay levels, page 5; Appendix B Posts, page 12");
	/* A nested list inside a list item. */
	assert_row(&en, "Increases and additions to the remuneration of chief officers",
		   "Localism Act 2011 s38(4)(c)", "3 Chief officers, page 4");
	assert_row(&en, "Bonuses for chief officers", "Localism Act 2011 s38(4)(e)", "Not covered");
	assert_row(&en, "Approval by resolution of full Council before 31 March", "Localism Act 2011 s39(1)-(3)",
		   "Approved by full Council on 28 February 2018");
	assert_row(&en, "Remuneration ratio consistent with the statement of accounts",
		   "Accounts and Audit (Wales) Regulations 2014 reg 9", "4 Pay relativities, page 6");

	ck_assert_str_eq(cy.cells[0], "Polisi ar gydnabyddiaeth ariannol prif swyddogion");
	assert_row(&cy, "Polisi ar gydnabyddiaeth ariannol prif swyddogion", "Deddf Lleoliaeth 2011 a38(2)(a)",
		   "3 Prif swyddogion, tudalen 4; Atodiad A Graddfeydd cyflog, tudalen 10");
	assert_row(&cy, "Bonysau i brif swyddogion", "Deddf Lleoliaeth 2011 a38(4)(e)", "Heb ei gynnwys");
	assert_row(&cy, "Cymeradwyo trwy benderfyniad y Cyngor llawn cyn 31 Mawrth",
		   "Deddf Lleoliaeth 2011 a39(1)-(3)", "Cymeradwywyd gan y Cyngor llawn ar 28 Chwefror 2018");
	assert_row(&cy,
		   "Cyfeirio newidiadau i gyflog y Prif Weithredwr at Banel Annibynnol Cymru ar Gydnabyddiaeth "
		   "Ariannol",
		   "Mesur Llywodraeth Leol (Cymru) 2011 a143A", "6 Y Panel Annibynnol, tudalen 7");

	/* The second language's pages are keyed with its prefix; no page known,
	 * no ", page". */
	GHashTable *p2 = pages("p2-");
	ck_assert(rules_compliance_rows(r.doc, r.tpl, LANG_CY, p2, "p2-", &cy, a));
	assert_row(&cy, "Polisi ar gydnabyddiaeth ariannol prif swyddogion", "Deddf Lleoliaeth 2011 a38(2)(a)",
		   "3 Prif swyddogion, tudalen 4; Atodiad A Graddfeydd cyflog, tudalen 10");
	ck_assert(rules_compliance_rows(r.doc, r.tpl, LANG_EN, po, "p2-", &en, a));
	assert_row(&en, "Policy on the remuneration of chief officers", "Localism Act 2011 s38(2)(a)",
		   "3 Chief officers; Appendix A Pay scales");
	ck_assert(rules_compliance_rows(r.doc, r.tpl, LANG_EN, NULL, "", &en, a));
	assert_row(&en, "Policy on the remuneration of chief officers", "Localism Act 2011 s38(2)(a)",
		   "3 Chief officers; Appendix A Pay scales");

	g_hash_table_destroy(p2);
	g_hash_table_destroy(po);
	arena_free(a);
	checked_free(&r);
	g_free(text);
	g_free(base);
}
END_TEST

START_TEST(compliance_draft_row)
{
	char *base = base_text("england");
	char *a1 = remove_attr(base, "approved");
	char *text = replace_once(a1, "status=\"approved\"", "status=\"draft\"");
	checked r;
	check_statement(&r, text, false);
	arena *a = arena_new();
	rules_table_spec en;
	ck_assert(rules_compliance_rows(r.doc, r.tpl, LANG_EN, NULL, "", &en, a));
	ck_assert_int_eq(en.nrows, 18);
	assert_row(&en, "Approval by resolution of full Council before 31 March", "Localism Act 2011 s39(1)-(3)",
		   "Not yet approved by full Council");
	assert_row(&en, "Senior salaries transparency: bands from £50,000, names from £150,000",
		   "Local Government Transparency Code 2015", "7 Publication and transparency");
	arena_free(a);
	checked_free(&r);
	g_free(text);
	g_free(a1);
	g_free(base);
}
END_TEST

static char *report(const checked *r, pps_lang l)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rules_report(r->doc, r->tpl, l, f);
	fclose(f);
	char *out = g_strdup(buf);
	free(buf);
	return out;
}

START_TEST(report_lines)
{
	char *base = base_text("england");
	char *text = remove_topic(base, "bonuses");
	checked r;
	check_statement(&r, text, false);
	char *got = report(&r, LANG_EN);
	const char *want =
		"chief-officer-remuneration    COVERED in 1 Scope\n"
		"lowest-paid-policy            COVERED in 1 Scope\n"
		"pay-relationship              COVERED in 4 Pay relativities\n"
		"lowest-paid-definition        COVERED in 2 The lowest paid\n"
		"lowest-paid-reasons           COVERED in 2 The lowest paid\n"
		"chief-officer-levels          COVERED in 3 Chief officers\n"
		"recruitment                   COVERED in 3 Chief officers\n"
		"increases-additions           COVERED in 3 Chief officers\n"
		"performance-related-pay       COVERED in 3 Chief officers\n"
		"bonuses                       MISSING  Bonuses for chief officers (Localism Act 2011 s38(4)(e))\n"
		"termination-payments          COVERED in 5 Leaving the Council\n"
		"publication                   COVERED in 7 Publication and transparency\n"
		"approval                      COVERED Approved by full Council on 31 March 2018\n"
		"pay-multiple                  COVERED in 4 Pay relativities\n"
		"large-salaries-vote           COVERED in 5 Leaving the Council\n"
		"re-employment                 COVERED in 5 Leaving the Council\n"
		"off-payroll                   COVERED in 6 Tax arrangements\n"
		"senior-salaries-transparency  COVERED in 7 Publication and transparency\n"
		"17 of 18 topics covered\n";
	ck_assert_str_eq(got, want);
	g_free(got);
	checked_free(&r);
	g_free(text);

	/* Late, draft and missing approval. */
	text = replace_once(base, "approved=\"2018-03-31\"", "approved=\"2018-04-30\"");
	check_statement(&r, text, false);
	got = report(&r, LANG_EN);
	ck_assert_msg(strstr(got, "\napproval                      LATE Approved by full Council on 30 April 2018\n"),
		      "%s", got);
	g_free(got);
	checked_free(&r);
	g_free(text);

	char *a1 = remove_attr(base, "approved");
	check_statement(&r, a1, false);
	got = report(&r, LANG_EN);
	ck_assert_msg(strstr(got, "\napproval                      MISSING  Approval by resolution of full Council "
				  "before 31 March (Localism Act 2011 s39(1)-(3))\n"),
		      "%s", got);
	g_free(got);
	checked_free(&r);
	text = replace_once(a1, "status=\"approved\"", "status=\"draft\"");
	check_statement(&r, text, false);
	got = report(&r, LANG_EN);
	ck_assert_msg(strstr(got, "\napproval                      DRAFT Not yet approved by full Council\n"), "%s",
		      got);
	ck_assert_msg(strstr(got, "\n17 of 18 topics covered\n"), "%s", got);
	g_free(got);
	checked_free(&r);
	g_free(text);
	g_free(a1);
	g_free(base);
}
END_TEST

START_TEST(report_welsh)
{
	char *base = base_text("wales");
	char *text = remove_topic(base, "irpw");
	checked r;
	check_statement(&r, text, false);
	char *got = report(&r, LANG_CY);
	ck_assert_msg(strstr(got, "\nchief-officer-levels         COVERED in 3.1 Lefelau cyflog; Atodiad B Swyddi\n"),
		      "%s", got);
	ck_assert_msg(strstr(got, "\nirpw                         MISSING  Cyfeirio newidiadau i gyflog y Prif "
				  "Weithredwr at Banel Annibynnol Cymru ar Gydnabyddiaeth Ariannol (Mesur "
				  "Llywodraeth Leol (Cymru) 2011 a143A)\n"),
		      "%s", got);
	ck_assert_msg(g_str_has_suffix(got, "\n19 of 20 topics covered\n"), "%s", got);
	g_free(got);
	checked_free(&r);
	g_free(text);
	g_free(base);
}
END_TEST

/* ---- A template without the rulebook --------------------------------- */

START_TEST(missing_rulebook)
{
	char *base = base_text("wales");
	checked r;
	check_statement(&r, base, false);
	GError *err = NULL;
	char *dir = g_dir_make_tmp("ppsgen-norules-XXXXXX", &err);
	ck_assert(dir != NULL);
	pps_template empty = {.dir = dir};
	diag_ctx dc;
	diag_init(&dc);
	rules_check(r.doc, &empty, &dc);
	ck_assert(diag_has(&dc, DIAG_FILE_READ));
	ck_assert(diag_failed(&dc));
	ck_assert_int_eq(dc.n, 1);
	rules_table_spec s;
	arena *a = arena_new();
	ck_assert(!rules_compliance_rows(r.doc, &empty, LANG_EN, NULL, "", &s, a));
	ck_assert_int_eq(s.nrows, 0);
	arena_free(a);
	diag_clear(&dc);
	g_rmdir(dir);
	g_free(dir);
	checked_free(&r);
	g_free(base);
}
END_TEST

/* A rulebook topic the code cannot check is the rulebook's error. */
START_TEST(bad_rulebook)
{
	char *base = base_text("england");
	checked r;
	check_statement(&r, base, false);
	GError *err = NULL;
	char *dir = g_dir_make_tmp("ppsgen-badrules-XXXXXX", &err);
	char *path = g_build_filename(dir, "rules-england.xml", NULL);
	ck_assert(g_file_set_contents(path,
				      "<rulebook>\n"
				      "<topic id=\"a\"><name>A</name><source>s1</source></topic>\n"
				      "<topic id=\"a\"><name>A again</name><source>s1</source></topic>\n"
				      "<topic id=\"b\" kind=\"dates\"><name>B</name><source>s2</source></topic>\n"
				      "<topic id=\"c\"><source>s3</source></topic>\n"
				      "</rulebook>\n",
				      -1, NULL));
	pps_template custom = {.dir = dir};
	diag_ctx dc;
	diag_init(&dc);
	rules_check(r.doc, &custom, &dc);
	ck_assert_int_eq(dc.n, 3);
	ck_assert_int_eq(dc.msgs[0].line, 3);
	ck_assert_int_eq(dc.msgs[1].line, 4);
	ck_assert_int_eq(dc.msgs[2].line, 5);
	for (int i = 0; i < dc.n; i++)
		ck_assert_int_eq(dc.msgs[i].code, DIAG_TEMPLATE);
	diag_clear(&dc);
	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
	g_free(dir);
	checked_free(&r);
	g_free(base);
}
END_TEST

static int count_expected(const char *jurisdiction)
{
	char *path = g_strdup_printf(LAW_DIR "/expected-%s.txt", jurisdiction);
	char *text = NULL;
	int n = 0;
	if (g_file_get_contents(path, &text, NULL, NULL)) {
		gchar **lines = g_strsplit(text, "\n", -1);
		for (gchar **l = lines; *l; l++)
			n += **l && **l != '#';
		g_strfreev(lines);
	}
	g_free(text);
	g_free(path);
	return n;
}

int main(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("topics");
	/* A missing expected file gives no loop iterations: fail loudly instead. */
	int nw = count_expected("wales"), ne = count_expected("england");
	if (nw == 0 || ne == 0) {
		fprintf(stderr, "test_rules: cannot read " LAW_DIR "/expected-*.txt\n");
		return EXIT_FAILURE;
	}
	tcase_add_loop_test(tc, wales_each_topic, 0, nw);
	tcase_add_loop_test(tc, england_each_topic, 0, ne);
	tcase_add_test(tc, wales_all_missing);
	tcase_add_test(tc, england_all_missing);
	tcase_add_test(tc, complete_fixtures_are_quiet);
	suite_add_tcase(s, tc);

	tc = tcase_create("checks");
	tcase_add_test(tc, unknown_id_near_miss);
	tcase_add_test(tc, unknown_id_other_jurisdiction);
	tcase_add_test(tc, approval_late);
	tcase_add_test(tc, draft_without_approval_is_quiet);
	tcase_add_test(tc, year_mismatch);
	tcase_add_test(tc, strict_makes_warnings_errors);
	tcase_add_test(tc, missing_rulebook);
	tcase_add_test(tc, bad_rulebook);
	suite_add_tcase(s, tc);

	tc = tcase_create("table");
	tcase_add_test(tc, compliance_rows_english_and_welsh);
	tcase_add_test(tc, compliance_draft_row);
	tcase_add_test(tc, report_lines);
	tcase_add_test(tc, report_welsh);
	suite_add_tcase(s, tc);

	return run_suite(s);
}
