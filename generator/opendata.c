/* opendata.c — the statement's figures as open data for the Local Government
 * Transparency Code 2015 (html.h): the pay multiples (T1) and the senior
 * salaries (T2: job title, grade, salary range, number of posts) as CSV.
 *
 * RFC 4180: comma-separated, CRLF after every record (the last too), a field
 * quoted when it holds a comma, a quote, CR or LF (quotes doubled).  UTF-8
 * without a byte order mark.  Text is English (the Code is English law), or
 * the statement's first language where a text has no English.  Money is
 * pounds with two decimals and no thousands separators ("104000.00"), so a
 * spreadsheet reads it as a number.  The columns are listed in
 * templates/FORMAT.md, "Outputs". */
#include <math.h>
#include <string.h>

#include "html.h"

static void field(GString *o, bool first, const char *s)
{
	if (!first)
		g_string_append_c(o, ',');
	if (!s)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		g_string_append(o, s);
		return;
	}
	g_string_append_c(o, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			g_string_append_c(o, '"');
		g_string_append_c(o, *p);
	}
	g_string_append_c(o, '"');
}

static void end_record(GString *o) { g_string_append(o, "\r\n"); }

static void header(GString *o, const char *const *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		field(o, i == 0, cols[i]);
	end_record(o);
}

/* "104000.00", "-12.50"; g_malloc'd. */
static char *pounds(int64_t pence)
{
	uint64_t m = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
	return g_strdup_printf("%s%" G_GUINT64_FORMAT ".%02u", pence < 0 ? "-" : "", (guint64)(m / 100), (unsigned)(m % 100));
}

/* The English text of m, else the first language's; figures and references
 * print as their ids would not do, so they print as displayed (g_malloc'd). */
static char *english(const pps_doc *d, const pps_figures *f, const pps_ml *m)
{
	const pps_text *t = ml_text(m, LANG_EN);
	if (!ml_has(m, LANG_EN) && d->nlangs && ml_has(m, d->langs[0]))
		t = &m->tx[d->langs[0]];
	GString *s = g_string_new(NULL);
	for (int i = 0; t && i < t->n; i++) {
		const pps_run *r = &t->runs[i];
		switch (r->kind) {
		case RUN_TEXT: g_string_append(s, r->text); break;
		case RUN_BREAK: g_string_append_c(s, ' '); break;
		case RUN_FIG: {
			const pps_figure *fg = fig_get(f, r->ref);
			g_string_append(s, fg ? fg->display : r->ref);
			break;
		}
		case RUN_REF: {
			const pps_section *sec = model_section(d, r->ref);
			if (sec && sec->letter)
				g_string_append_printf(s, "Appendix %s", sec->letter);
			else if (sec && sec->number)
				g_string_append_printf(s, "section %s", sec->number);
			else
				g_string_append(s, r->ref);
			break;
		}
		}
	}
	return g_string_free(s, FALSE);
}

static char *financial_year(const pps_doc *d)
{
	return g_strdup_printf("%d-%02d", d->year_start, (d->year_start + 1) % 100);
}

/* A holder's full-time equivalent salary, half up to the penny (figures.c). */
static int64_t holder_fte(const pps_holder *h)
{
	if (h->fte_e4 <= 0 || h->fte_e4 == 10000)
		return h->salary;
	return (int64_t)llround((double)h->salary * 10000.0 / h->fte_e4);
}

/* The amount a multiple divides, in pence; false when unknown. */
static bool quantity_pence(const pps_doc *d, const pps_figures *f, const char *q, int64_t *out)
{
	int64_t v = 0;
	if (!q)
		return false;
	if (!strcmp(q, "lowest"))
		v = f->lowest;
	else if (!strcmp(q, "median"))
		v = f->median;
	else if (!strcmp(q, "chief-executive"))
		v = f->chief_executive;
	else if (!strcmp(q, "average-chief-officer"))
		v = (int64_t)llround(f->average_chief_officer);
	else if (g_str_has_prefix(q, "post:")) {
		const pps_post *p = model_post(d, q + 5);
		if (p)
			v = p->nholders ? holder_fte(&p->holders[0]) : p->npoints ? p->points[p->npoints - 1] : 0;
	}
	*out = v;
	return v > 0;
}

void opendata_multiples_csv(const pps_doc *d, const pps_figures *f, GString *out)
{
	static const char *const cols[] = {"Multiple",    "Description",        "Ratio",
					   "Value",       "Numerator",          "Numerator amount (£)",
					   "Denominator", "Denominator amount (£)", "Basis",
					   "Date",        "Financial year"};
	header(out, cols, G_N_ELEMENTS(cols));
	char *fy = financial_year(d);
	const pps_workforce *wf = &d->workforce;
	for (int i = 0; i < d->nmultiples; i++) {
		const pps_multiple *m = &d->multiples[i];
		const pps_figure *fg = fig_get(f, m->id);
		field(out, true, m->id);
		char *s = english(d, f, &m->label);
		field(out, false, s);
		g_free(s);
		field(out, false, fg ? fg->display : "");
		if (fg) {
			char buf[G_ASCII_DTOSTR_BUF_SIZE];
			field(out, false, g_ascii_formatd(buf, sizeof buf, "%.4f", fg->value));
		} else {
			field(out, false, "");
		}
		const char *q[2] = {m->top, m->base};
		for (int k = 0; k < 2; k++) {
			int64_t p;
			field(out, false, q[k]);
			if (fg && quantity_pence(d, f, q[k], &p)) {
				char *a = pounds(p);
				field(out, false, a);
				g_free(a);
			} else {
				field(out, false, "");
			}
		}
		field(out, false, wf->present ? wf->basis : "");
		field(out, false, wf->present ? wf->date : "");
		field(out, false, fy);
		end_record(out);
	}
	g_free(fy);
}

static const char *role_name(pps_role r)
{
	switch (r) {
	case ROLE_CHIEF_EXECUTIVE: return "chief-executive";
	case ROLE_CHIEF_OFFICER: return "chief-officer";
	default: return "other";
	}
}

void opendata_senior_csv(const pps_doc *d, const pps_figures *f, GString *out)
{
	static const char *const cols[] = {"Post reference",   "Post title",     "Grade",
					   "Role",             "Number of posts", "Salary from (£)",
					   "Salary to (£)",    "Actual salaries (£)", "Financial year",
					   "Responsibilities", "Budget held (£)", "Post holder"};
	header(out, cols, G_N_ELEMENTS(cols));
	char *fy = financial_year(d);
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i];
		field(out, true, p->id);
		char *s = english(d, f, &p->title);
		field(out, false, s);
		g_free(s);
		s = english(d, f, &p->grade);
		field(out, false, s);
		g_free(s);
		field(out, false, role_name(p->role));
		char n[16];
		g_snprintf(n, sizeof n, "%d", p->nposts);
		field(out, false, n);
		for (int k = 0; k < 2; k++) {
			if (p->npoints) {
				char *a = pounds(p->points[k == 0 ? 0 : p->npoints - 1]);
				field(out, false, a);
				g_free(a);
			} else {
				field(out, false, "");
			}
		}
		/* What each holder is paid, as given (not grossed up), in the order
		 * the statement lists them. */
		GString *act = g_string_new(NULL);
		for (int k = 0; k < p->nholders; k++) {
			char *a = pounds(p->holders[k].salary);
			g_string_append_printf(act, "%s%s", k ? "; " : "", a);
			g_free(a);
		}
		field(out, false, act->str);
		g_string_free(act, TRUE);
		field(out, false, fy);
		s = english(d, f, &p->responsibilities);
		field(out, false, s);
		g_free(s);
		if (p->has_budget) {
			char *a = pounds(p->budget);
			field(out, false, a);
			g_free(a);
		} else {
			field(out, false, "");
		}
		/* Names only where the Code requires them: £150,000 or more. */
		GString *names = g_string_new(NULL);
		for (int k = 0; k < p->nholders; k++)
			if (fig_name_published(&p->holders[k]))
				g_string_append_printf(names, "%s%s", names->len ? "; " : "", p->holders[k].name);
		field(out, false, names->str);
		g_string_free(names, TRUE);
		end_record(out);
	}
	g_free(fy);
}

void opendata_bands_csv(const pps_doc *d, const pps_figures *f, GString *out)
{
	static const char *const cols[] = {"Band", "From (£)", "To (£)", "Number of employees", "Date", "Financial year"};
	header(out, cols, G_N_ELEMENTS(cols));
	char *fy = financial_year(d);
	for (int k = 0; k < f->nsenior_bands; k++) {
		/* The band's label in whole pounds; its bounds to the penny. */
		int64_t from = FIG_SENIOR_FROM + (int64_t)k * FIG_SENIOR_BAND, to = from + FIG_SENIOR_BAND - 1;
		char *lo = fig_pounds(from), *hi = fig_pounds(to - 99);
		char *band = g_strdup_printf("£%s to £%s", lo, hi);
		field(out, true, band);
		g_free(band);
		g_free(lo);
		g_free(hi);
		char *a = pounds(from);
		field(out, false, a);
		g_free(a);
		a = pounds(to);
		field(out, false, a);
		g_free(a);
		char n[16];
		g_snprintf(n, sizeof n, "%d", f->senior_bands[k]);
		field(out, false, n);
		field(out, false, d->workforce.date ? d->workforce.date : "");
		field(out, false, fy);
		end_record(out);
	}
	g_free(fy);
}

/* A percentage figure as the gender pay gap service publishes it: "12.3",
 * no % sign; empty when the figure is not defined. */
static void pct_field(GString *o, const pps_figures *f, const char *id)
{
	const pps_figure *fg = fig_get(f, id);
	if (!fg) {
		field(o, false, "");
		return;
	}
	char *s = g_strdup(fg->display);
	size_t n = strlen(s);
	if (n && s[n - 1] == '%')
		s[n - 1] = '\0';
	field(o, false, s);
	g_free(s);
}

void opendata_gpg_csv(const pps_doc *d, const pps_figures *f, GString *out)
{
	/* The gender pay gap service's own field names, in its order; the
	 * snapshot date last (the service files by reporting year instead). */
	static const char *const cols[] = {"EmployerName",
					   "DiffMeanHourlyPercent",     "DiffMedianHourlyPercent",
					   "DiffMeanBonusPercent",      "DiffMedianBonusPercent",
					   "MaleBonusPercent",          "FemaleBonusPercent",
					   "MaleLowerQuartile",         "FemaleLowerQuartile",
					   "MaleLowerMiddleQuartile",   "FemaleLowerMiddleQuartile",
					   "MaleUpperMiddleQuartile",   "FemaleUpperMiddleQuartile",
					   "MaleTopQuartile",           "FemaleTopQuartile",
					   "SnapshotDate"};
	header(out, cols, G_N_ELEMENTS(cols));
	char *name = english(d, f, &d->council);
	field(out, true, name);
	g_free(name);
	static const char *const ids[] = {"gpg-mean",       "gpg-median",      "gpg-bonus-mean", "gpg-bonus-median",
					  "gpg-bonus-men",  "gpg-bonus-women", "gpg-q1-men",     "gpg-q1-women",
					  "gpg-q2-men",     "gpg-q2-women",    "gpg-q3-men",     "gpg-q3-women",
					  "gpg-q4-men",     "gpg-q4-women"};
	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++)
		pct_field(out, f, ids[i]);
	field(out, false, d->workforce.date ? d->workforce.date : "");
	end_record(out);
}
