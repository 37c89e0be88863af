/* figbench.c — times the workforce path in-process: csv_read_workforce (read
 * and parse the CSV) and fig_compute (every figure, the median and the
 * gender pay gap among them) on a workforce CSV, against the project's
 * static library build/libppscore.a.
 *
 *   figbench PPS_HOME STATEMENT.xml WORKFORCE.csv [RUNS]
 *
 * Prints "rows N read_ms R compute_ms C total_ms T" (medians of RUNS, 5 by
 * default). */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "csv_read.h"
#include "diag.h"
#include "figures.h"
#include "template.h"
#include "xml_read.h"

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: figbench PPS_HOME STATEMENT.xml WORKFORCE.csv [RUNS]\n");
		return 2;
	}
	int runs = argc > 4 ? atoi(argv[4]) : 5;
	if (runs < 1)
		runs = 1;
	char *tdir = g_build_filename(argv[1], "templates", NULL);
	char *fdir = g_build_filename(argv[1], "fonts", NULL);
	diag_ctx dc;
	diag_init(&dc);
	pps_template *t = tpl_load(tdir, fdir, &dc);
	pps_doc *d = t ? xml_read_statement(argv[2], t->schema, &dc) : NULL;
	if (!d) {
		diag_print(&dc, stderr);
		return 1;
	}
	double *rd = g_new(double, runs), *cp = g_new(double, runs), *tt = g_new(double, runs);
	int rows = 0;
	/* One untimed run first: page cache, allocator. */
	for (int r = -1; r < runs; r++) {
		diag_clear(&dc);
		diag_init(&dc);
		d->workforce.csv = argv[3];
		d->workforce.emp = NULL;
		d->workforce.nemp = 0;
		d->workforce.stated_median = 0;
		gint64 t0 = g_get_monotonic_time();
		bool ok = csv_read_workforce(d, &dc);
		gint64 t1 = g_get_monotonic_time();
		pps_figures fig;
		fig_compute(d, &fig, &dc);
		gint64 t2 = g_get_monotonic_time();
		if (!ok) {
			diag_print(&dc, stderr);
			return 1;
		}
		rows = d->workforce.nemp;
		fig_free(&fig);
		if (r >= 0) {
			rd[r] = (t1 - t0) / 1000.0;
			cp[r] = (t2 - t1) / 1000.0;
			tt[r] = (t2 - t0) / 1000.0;
		}
	}
	printf("rows %d read_ms %.2f compute_ms %.2f total_ms %.2f\n", rows, median(rd, runs), median(cp, runs),
	       median(tt, runs));
	diag_clear(&dc);
	doc_free(d);
	tpl_free(t);
	g_free(tdir);
	g_free(fdir);
	g_free(rd);
	g_free(cp);
	g_free(tt);
	return 0;
}
