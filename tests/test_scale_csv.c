/* test_scale_csv.c — <scale csv="FILE">: a pay scale's points (and grades)
 * from a spreadsheet export give the same figures as the same points in XML,
 * and every bad cell is reported at its line and column. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

/* The English fixture with its local scale's points moved into local.csv. */
static char *statement_with_csv(const char *dir, const char *csv)
{
	gsize len;
	char *src = src_path("tests/fixtures/english-council.xml");
	char *xml = read_file(src, &len);
	ck_assert_ptr_nonnull(xml);
	char *a = strstr(xml, "    <scale id=\"local\" rates=\"yes\">");
	char *b = strstr(xml, "    </scale>\n");
	ck_assert(a && b);
	char *st = g_strdup_printf("%.*s    <scale id=\"local\" rates=\"yes\" csv=\"local.csv\">\n"
				   "      <name>Local pay scale</name>\n%s",
				   (int)(a - xml), xml, b);
	char *path = g_build_filename(dir, "st.xml", NULL);
	ck_assert(g_file_set_contents(path, st, -1, NULL));
	char *cpath = g_build_filename(dir, "local.csv", NULL);
	ck_assert(g_file_set_contents(cpath, csv, -1, NULL));
	g_free(st), g_free(xml), g_free(src), g_free(cpath);
	return path;
}

START_TEST(same_figures_as_xml)
{
	char *dir = scratch_dir("scale-csv-same");
	/* Excel's export: a BOM, CRLF, quoted thousands, a pound sign, pence. */
	char *st = statement_with_csv(dir, "\xef\xbb\xbfPoint,Salary,Grade\r\n1,\"17,364\",1\r\n2,17711,1\r\n"
					   "3,18065.00,1\r\n4,18426,2\r\n5,18795,2\r\n6,\xc2\xa3" "19171,2\r\n");
	char *src = src_path("tests/fixtures/english-council.xml");
	run_result x = run_ppsgen("figures", src, NULL);
	run_result c = run_ppsgen("figures", st, NULL);
	ck_assert_int_eq(x.status, 0);
	ck_assert_msg(c.status == 0, "%s", c.err);
	ck_assert_str_eq(c.out, x.out);
	run_free(&x), run_free(&c);
	/* The grades came from the grade column: the PDF's scale table shows them. */
	char *out = g_build_filename(dir, "out", NULL);
	run_result r = run_ppsgen("render", "-o", out, st, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
}
END_TEST

static void expect(const char *name, const char *csv, const char *want)
{
	char *dir = scratch_dir(name);
	char *st = statement_with_csv(dir, csv);
	run_result r = run_ppsgen("check", st, NULL);
	ck_assert_int_eq(r.status, 2);
	char *w = g_strdup_printf(want, dir);
	ck_assert_msg(strstr(r.err, w), "want %s\ngot %s", w, r.err);
	g_free(w);
	run_free(&r);
}

START_TEST(bad_cells_at_line_and_column)
{
	expect("scale-csv-point", "point,salary\n1,17364\nx,17711\n",
	       "%s/local.csv:3:1: error: point \"x\" is not a whole number; write the spinal point like 12\n");
	expect("scale-csv-salary", "point,salary\n1,17364\n2,  abc\n",
	       "%s/local.csv:3:3: error: salary \"abc\" is not a number; write pounds like 18793.00\n");
	expect("scale-csv-order", "point,salary\n1,17364\n3,17711\n2,18000\n",
	       "%s/local.csv:4:1: error: point 2 comes after point 3; list points in ascending order\n");
	expect("scale-csv-falls", "point,salary\n1,17364\n2,17000\n",
	       "%s/local.csv:3:3: error: point 2 is paid less than point 1; salaries must rise with the points\n");
	expect("scale-csv-header", "spine,salary\n1,17364\n",
	       "%s/local.csv:1:1: error: the header has no \"point\" column; name the column of spinal points \"point\"\n");
	expect("scale-csv-columns", "point,april,september\n1,17364,17500\n",
	       "%s/local.csv:1:1: error: the file has 2 salary columns but scale \"local\" has 1; give one <column> in the "
	       "scale for each salary column\n");
	expect("scale-csv-fields", "point,salary\n1,17364,9\n",
	       "%s/local.csv:2:1: error: this row has 3 fields but the header has 2; every row needs one per column\n");
	expect("scale-csv-grade", "point,salary,grade\n1,17364,A\n2,17711,B\n3,18065,A\n",
	       "%s/local.csv:4:9: error: grade \"A\" appears again after other grades; a grade's points must be together\n");
	expect("scale-csv-empty", "",
	       "%s/local.csv:1:1: error: the file is empty; the first line must name the columns, like point,salary,grade\n");
}
END_TEST

START_TEST(missing_file_and_both)
{
	char *dir = scratch_dir("scale-csv-missing");
	char *st = statement_with_csv(dir, "point,salary\n1,17364\n");
	char *c = g_build_filename(dir, "local.csv", NULL);
	ck_assert_int_eq(remove(c), 0);
	run_result r = run_ppsgen("check", st, NULL);
	ck_assert_int_eq(r.status, 2);
	char *w = g_strdup_printf("%s:12:35: error: cannot read the pay scale CSV \"local.csv\": No such file or directory; "
				  "check csv= on <scale> (a path relative to the statement's folder)\n", st);
	ck_assert_msg(strstr(r.err, w), "%s", r.err);
	run_free(&r);
	/* csv= and <point>s together. */
	gsize len;
	char *xml = read_file(src_path("tests/fixtures/english-council.xml"), &len);
	char *both = g_strdup(xml);
	char *at = strstr(both, "rates=\"yes\">");
	ck_assert_ptr_nonnull(at);
	char *fixed = g_strdup_printf("%.*srates=\"yes\" csv=\"local.csv\">%s", (int)(at - both), both,
				      at + strlen("rates=\"yes\">"));
	ck_assert(g_file_set_contents(st, fixed, -1, NULL));
	r = run_ppsgen("check", st, NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_msg(strstr(r.err, "error: scale \"local\" has csv= and <point> elements; take the points from one of them"),
		      "%s", r.err);
	run_free(&r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("scale_csv");
	TCase *tc = tcase_create("scale_csv");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, same_figures_as_xml);
	tcase_add_test(tc, bad_cells_at_line_and_column);
	tcase_add_test(tc, missing_file_and_both);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
