/* test_new.c — `ppsgen new`: the statement it writes validates, covers every
 * topic of the rulebook, and its placeholders are listed by `check`, refused by
 * `check --strict` and by rendering an approved statement, shown in a draft. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static char *new_file(const char *dir, const char *name, const char *juris, const char *langs)
{
	char *path = g_build_filename(dir, name, NULL);
	run_result r = langs ? run_ppsgen("new", "--jurisdiction", juris, "--languages", langs, "--council",
					  "Testshire Council", "--year", "2025", "-o", path, NULL)
			     : run_ppsgen("new", "--jurisdiction", juris, "-o", path, NULL);
	ck_assert_msg(r.status == 0, "new: %s", r.err);
	ck_assert_str_eq(r.out, g_strconcat(path, "\n", NULL));
	run_free(&r);
	return path;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

START_TEST(england_validates_and_lists_placeholders)
{
	char *dir = scratch_dir("new-england");
	char *f = new_file(dir, "e.xml", "england", "en");
	run_result r = run_ppsgen("check", f, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	/* 17 topics (approval is checked from the dates) + the contact line; no
	 * uncovered-topic warning. */
	ck_assert_int_eq(count(r.err, "warning: placeholder still to fill:"), 18);
	ck_assert_int_eq(count(r.err, "warning:"), 18);
	char *first = g_strdup_printf("%s:12:12: warning: placeholder still to fill: [TO FILL: how to get this "
				      "statement in another format]\n", f);
	ck_assert_msg(strstr(r.err, first), "%s", r.err);
	char *ok = g_strdup_printf("%s: ok (18 warnings)\n", f);
	ck_assert_msg(g_str_has_suffix(r.err, ok), "%s", r.err);
	run_free(&r);
	gsize len;
	char *xml = read_file(f, &len);
	ck_assert_ptr_nonnull(strstr(xml, "<name>Testshire Council</name>"));
	ck_assert_ptr_nonnull(strstr(xml, "<section id=\"s-off-payroll\" covers=\"off-payroll\">"));
	ck_assert_ptr_nonnull(strstr(xml, "<point n=\"2\" salary=\"23656\"/>"));
	ck_assert_ptr_nonnull(strstr(xml, "<point n=\"43\" salary=\"52805\"/>"));

	r = run_ppsgen("check", "--strict", f, NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_int_eq(count(r.err, "error: placeholder still to fill:"), 18);
	run_free(&r);

	/* A draft renders, placeholders visible. */
	char *out = g_build_filename(dir, "out", NULL);
	r = run_ppsgen("render", "-o", out, f, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *pdf = g_build_filename(out, "e-en.pdf", NULL);
	char *txt = pdf_text(pdf, 0);
	ck_assert_msg(strstr(txt, "[TO FILL: the council’s policy]"), "%s", txt);
	run_free(&r);

	/* Approved: refused while a placeholder is left. */
	char *approved = g_build_filename(dir, "approved.xml", NULL);
	char *ax = g_strdup(xml);
	char *st = strstr(ax, "status=\"draft\"");
	ck_assert_ptr_nonnull(st);
	char *fixed = g_strdup_printf("%.*sapproved=\"2025-02-20\" status=\"approved\"%s", (int)(st - ax), ax,
				      st + strlen("status=\"draft\""));
	ck_assert(g_file_set_contents(approved, fixed, -1, NULL));
	r = run_ppsgen("render", "-o", out, approved, NULL);
	ck_assert_int_eq(r.status, 2);
	char *msg = g_strdup_printf("%s:94:8: error: placeholder still to fill: [TO FILL: the council’s policy]\n", approved);
	ck_assert_msg(strstr(r.err, msg), "%s", r.err);
	run_free(&r);
}
END_TEST

START_TEST(wales_bilingual)
{
	char *dir = scratch_dir("new-wales");
	char *f = new_file(dir, "w.xml", "wales", NULL);
	run_result r = run_ppsgen("check", f, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	/* 19 topics + contact + council name, each in Welsh and English. */
	ck_assert_int_eq(count(r.err, "warning: placeholder still to fill: [LLENWCH:"), 21);
	ck_assert_int_eq(count(r.err, "warning: placeholder still to fill: [TO FILL:"), 21);
	run_free(&r);
	gsize len;
	char *xml = read_file(f, &len);
	ck_assert_ptr_nonnull(strstr(xml, "languages=\"cy en\" jurisdiction=\"wales\""));
	ck_assert_ptr_nonnull(strstr(xml, "<section id=\"s-irpw\" covers=\"irpw\">"));
}
END_TEST

START_TEST(usage_errors)
{
	run_result r = run_ppsgen("new", "--jurisdiction", "scotland", "-o", "/tmp/x.xml", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.err, "ppsgen new: --jurisdiction takes england or wales, not \"scotland\"\n");
	run_free(&r);
	r = run_ppsgen("new", "--jurisdiction", "wales", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.err, "ppsgen new: give --jurisdiction england|wales and -o FILE.xml\n");
	run_free(&r);
	r = run_ppsgen("new", "--jurisdiction", "wales", "--languages", "fr", "-o", "/tmp/x.xml", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.err, "ppsgen new: --languages takes \"cy en\" or en, not \"fr\"\n");
	run_free(&r);
}
END_TEST

/* Reads "point,salary" rows (lines starting '#' are comments) into point -> pounds. */
static GHashTable *read_spine(const char *rel)
{
	char *path = g_build_filename(PPS_SOURCE_DIR, rel, NULL), *text = NULL;
	ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "cannot read %s", path);
	GHashTable *h = g_hash_table_new(g_direct_hash, g_direct_equal);
	char **lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		int point, pounds;
		if (**l != '#' && sscanf(*l, "%d,%d", &point, &pounds) == 2)
			g_hash_table_insert(h, GINT_TO_POINTER(point), GINT_TO_POINTER(pounds));
	}
	g_strfreev(lines);
	g_free(text);
	g_free(path);
	return h;
}

/* The spine `new` ships (2024-25) against a real statement's 2017-18 NJC
 * table: in April 2019 the NJC remodelled points 1-22 and renumbered the rest,
 * old point n+6 becoming new point n (23-43).  From the 2017 salary the awards
 * since give the 2024 one: 2% (2018), 2% (2019), 2.75% (2020), 1.75% (2021),
 * each to the nearest pound, then flat 1,925 (2022), 1,925 (2023) and 1,290
 * pounds (2024). */
START_TEST(shipped_spine_matches_the_national_awards)
{
	GHashTable *old = read_spine("tests/fixtures/njc-spine-2017.csv");
	GHashTable *shipped = read_spine("templates/njc-spine-2024.csv");
	ck_assert_int_eq(g_hash_table_size(shipped), 42); /* points 2-43 */
	static const int percent_x100[] = {200, 200, 275, 175};
	for (int point = 23; point <= 43; point++) {
		long pounds = GPOINTER_TO_INT(g_hash_table_lookup(old, GINT_TO_POINTER(point + 6)));
		ck_assert_msg(pounds > 0, "old point %d missing", point + 6);
		for (size_t i = 0; i < G_N_ELEMENTS(percent_x100); i++)
			pounds = (pounds * (10000 + percent_x100[i]) + 5000) / 10000;
		pounds += 1925 + 1925 + 1290;
		ck_assert_msg(GPOINTER_TO_INT(g_hash_table_lookup(shipped, GINT_TO_POINTER(point))) == pounds,
			      "point %d: shipped %d, the awards give %ld", point,
			      GPOINTER_TO_INT(g_hash_table_lookup(shipped, GINT_TO_POINTER(point))), pounds);
	}
	g_hash_table_destroy(old);
	g_hash_table_destroy(shipped);
}
END_TEST

/* Points 2-22 against the rule of the 2019 spine as the national employers
 * published it (offer of 5 December 2017, annex A): SCP 1 at 17,364 pounds
 * (9.00 an hour), then equal steps of 2.0% up to SCP 22, each step from the
 * point before to the nearest pound; carried to 2024 by the awards since
 * (2.75%, 1.75%, then 1,925, 1,925 and 1,290 pounds).  That gives points
 * 2-13 exactly (so 10 and 13, which no older point became, are checked by
 * it).  From point 14 on the NJC's own table is one pound above the chained
 * steps: the published 2021-22 points 14, 15, 17, 18, 20 and 22 the spine was
 * checked against are, and so are the shipped 16, 19 and 21, which have no
 * published table here.  A slip of a pound anywhere in 2-22 fails. */
START_TEST(shipped_spine_follows_the_2019_steps)
{
	GHashTable *shipped = read_spine("templates/njc-spine-2024.csv");
	long step = 17364; /* SCP 1, 2019 */
	for (int point = 2; point <= 22; point++) {
		step = (step * 102 + 50) / 100;
		long pounds = (step * 10275 + 5000) / 10000;
		pounds = (pounds * 10175 + 5000) / 10000;
		pounds += 1925 + 1925 + 1290 + (point >= 14);
		ck_assert_msg(GPOINTER_TO_INT(g_hash_table_lookup(shipped, GINT_TO_POINTER(point))) == pounds,
			      "point %d: shipped %d, the 2019 steps and the awards give %ld", point,
			      GPOINTER_TO_INT(g_hash_table_lookup(shipped, GINT_TO_POINTER(point))), pounds);
	}
	g_hash_table_destroy(shipped);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("new");
	TCase *tc = tcase_create("new");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, england_validates_and_lists_placeholders);
	tcase_add_test(tc, wales_bilingual);
	tcase_add_test(tc, usage_errors);
	tcase_add_test(tc, shipped_spine_matches_the_national_awards);
	tcase_add_test(tc, shipped_spine_follows_the_2019_steps);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
