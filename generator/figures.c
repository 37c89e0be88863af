/* figures.c — every computed number of the statement (figures.h): the rounding
 * rules, the scale columns, the workforce median, the pay multiples, the gender
 * pay gap and the checks on them; exact integer arithmetic wherever a rule
 * rounds, doubles only for the unrounded values handed to callers. */
#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Exact intermediate products (pence x 10^7 x counts) exceed int64_t. */
__extension__ typedef __int128 i128;

#define POUND "\xc2\xa3" /* £ in UTF-8 */

/* ---- Exact rounding helpers ---------------------------------------- */

/* num/den rounded half away from zero; den > 0. */
static i128 div_round(i128 num, i128 den)
{
	if (num < 0)
		return -((-num * 2 + den) / (den * 2));
	return (num * 2 + den) / (den * 2);
}

static i128 pow10_i(int p)
{
	i128 r = 1;
	while (p-- > 0)
		r *= 10;
	return r;
}

static int64_t clamp64(i128 v)
{
	return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : (int64_t)v;
}

/* ---- The rounding rules (figures.h) --------------------------------- */

/* Weeks per year as an exact fraction wn/wd.  52.143 is how 365 / 7 is
 * written, and the NJC tables divide by 365 / 7 itself (every rate of the
 * seed's Appendix A needs it), so 52143 stands for 365/7; other values are
 * taken as written, in thousandths. */
static void weeks_frac(int32_t weeks_x1000, i128 *wn, i128 *wd)
{
	if (weeks_x1000 == 52143) {
		*wn = 365;
		*wd = 7;
	} else {
		*wn = weeks_x1000;
		*wd = 1000;
	}
}

/* salary_pence * scale / (hours * weeks), half up, where rate = pounds per
 * hour * 10^places: pounds/hour = (pence/100) / (hours_x100/100 * wn/wd). */
static int64_t hourly_scaled(int64_t salary_pence, int32_t hours_x100, int32_t weeks_x1000, int places)
{
	if (hours_x100 <= 0 || weeks_x1000 <= 0)
		return 0;
	i128 wn, wd;
	weeks_frac(weeks_x1000, &wn, &wd);
	return clamp64(div_round((i128)salary_pence * wd * pow10_i(places), (i128)hours_x100 * wn));
}

int64_t fig_hourly_e4(int64_t salary_pence, int32_t hours_x100, int32_t weeks_x1000)
{
	return hourly_scaled(salary_pence, hours_x100, weeks_x1000, 4);
}

int64_t fig_hourly_pence(int64_t salary_pence, int32_t hours_x100, int32_t weeks_x1000)
{
	return hourly_scaled(salary_pence, hours_x100, weeks_x1000, 2);
}

/* Is the exact hourly rate of salary_pence below rate_e4?  (No rounding.) */
static bool rate_below(int64_t salary_pence, int64_t rate_e4, int32_t hours_x100, int32_t weeks_x1000)
{
	i128 wn, wd;
	weeks_frac(weeks_x1000, &wn, &wd);
	/* pence * wd * 10^4 / (h * wn) < rate_e4 */
	return (i128)salary_pence * wd * 10000 < (i128)rate_e4 * hours_x100 * wn;
}

/* pounds = salary_pence * (10000 + bp) / (10000 * 100), half up. */
int64_t fig_supplement(int64_t salary_pence, int32_t percent_bp)
{
	return clamp64(div_round((i128)salary_pence * (10000 + percent_bp), 1000000) * 100);
}

/* ---- Formatting ------------------------------------------------------ */

/* Appends the digits of v (>= 0) with a comma every three. */
static void append_grouped(GString *s, uint64_t v)
{
	char digits[24];
	int n = g_snprintf(digits, sizeof digits, "%" G_GUINT64_FORMAT, (guint64)v);
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			g_string_append_c(s, ',');
		g_string_append_c(s, digits[i]);
	}
}

static uint64_t magnitude(int64_t v) { return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v; }

char *fig_money(int64_t pence, bool always_pence)
{
	GString *s = g_string_sized_new(16);
	uint64_t m = magnitude(pence);
	if (pence < 0)
		g_string_append_c(s, '-');
	g_string_append(s, POUND);
	append_grouped(s, m / 100);
	if (always_pence || m % 100)
		g_string_append_printf(s, ".%02u", (unsigned)(m % 100));
	return g_string_free(s, FALSE);
}

char *fig_pounds(int64_t pence)
{
	GString *s = g_string_sized_new(16);
	uint64_t m = magnitude(pence);
	if (pence < 0)
		g_string_append_c(s, '-');
	append_grouped(s, m / 100);
	if (m % 100) /* a point with pence keeps them rather than hide data */
		g_string_append_printf(s, ".%02u", (unsigned)(m % 100));
	return g_string_free(s, FALSE);
}

char *fig_rate(int64_t rate_e4)
{
	uint64_t m = magnitude(rate_e4);
	return g_strdup_printf("%s%" G_GUINT64_FORMAT ".%04u", rate_e4 < 0 ? "-" : "", (guint64)(m / 10000),
			       (unsigned)(m % 10000));
}

/* "£7.97" from pence. */
static char *money_pence(int64_t pence) { return fig_money(pence, true); }

/* A value scaled by 10^places, printed with that many decimals ("1116" -> "11.16"). */
static void append_scaled(GString *s, int64_t q, int places)
{
	uint64_t m = magnitude(q);
	uint64_t p = (uint64_t)pow10_i(places);
	if (q < 0)
		g_string_append_c(s, '-');
	g_string_append_printf(s, "%" G_GUINT64_FORMAT, (guint64)(m / p));
	if (places > 0)
		g_string_append_printf(s, ".%0*" G_GUINT64_FORMAT, places, (guint64)(m % p));
}

static char *format_multiple_q(int64_t q, int places, bool one_first, bool spaced)
{
	GString *s = g_string_sized_new(16);
	const char *sep = spaced ? " : " : ":";
	if (one_first) {
		g_string_append(s, "1");
		g_string_append(s, sep);
	}
	append_scaled(s, q, places);
	if (!one_first) {
		g_string_append(s, sep);
		g_string_append(s, "1");
	}
	return g_string_free(s, FALSE);
}

/* x rounded half away from zero at `places` decimals, scaled by 10^places.
 * A double such as 6.025 is really 6.02499999…; the decimal the caller meant
 * is the shortest one that reads back as the same double, so round that. */
static bool round_double(double x, int places, int64_t *out)
{
	if (!isfinite(x) || places < 0 || places > 9)
		return false;
	char fmt[16], buf[64];
	for (int prec = 1; prec <= 17; prec++) {
		g_snprintf(fmt, sizeof fmt, "%%.%de", prec - 1);
		g_ascii_formatd(buf, sizeof buf, fmt, x);
		if (g_ascii_strtod(buf, NULL) == x)
			break;
	}
	/* buf is "[-]d.ddde[+-]XX": digits D, exponent E; x = D * 10^(E - nd + 1). */
	const char *p = buf;
	bool neg = *p == '-';
	if (neg)
		p++;
	i128 digits = 0;
	int nd = 0;
	for (; *p && *p != 'e' && *p != 'E'; p++)
		if (g_ascii_isdigit(*p)) {
			digits = digits * 10 + (*p - '0');
			nd++;
		}
	int e = *p ? atoi(p + 1) : 0;
	int k = e - nd + 1 + places; /* x * 10^places = digits * 10^k */
	i128 q;
	if (k >= 0) {
		if (k > 18)
			return false;
		q = digits * pow10_i(k);
	} else if (-k > 36) {
		q = 0;
	} else {
		q = div_round(digits, pow10_i(-k));
	}
	if (q > INT64_MAX)
		return false;
	*out = neg ? -(int64_t)q : (int64_t)q;
	return true;
}

char *fig_format_multiple(double ratio, int places, bool one_first, bool spaced)
{
	int64_t q;
	if (!round_double(ratio, places, &q))
		return g_strdup("");
	return format_multiple_q(q, places, one_first, spaced);
}

/* "12.3%" from a percentage scaled by 10. */
static char *format_pct10(int64_t q)
{
	GString *s = g_string_sized_new(8);
	append_scaled(s, q, 1);
	g_string_append_c(s, '%');
	return g_string_free(s, FALSE);
}

/* ---- Exact quantities ------------------------------------------------ */

/* A non-negative amount in pence as num/den, so that multiples divide
 * unrounded values (an even median is a half-penny, an average a fraction). */
typedef struct {
	bool ok;
	i128 num, den;
	pps_pos pos;
} qty;

static double qty_double(qty q) { return q.ok && q.den ? (double)q.num / (double)q.den : 0; }
static int64_t qty_pence(qty q) { return q.ok && q.den ? clamp64(div_round(q.num, q.den)) : 0; }

/* A holder's full-time-equivalent salary, half up to the penny. */
static int64_t holder_fte(const pps_holder *h)
{
	if (h->fte_e4 <= 0 || h->fte_e4 == 10000)
		return h->salary;
	return clamp64(div_round((i128)h->salary * 10000, h->fte_e4));
}

/* What a post pays: its first holder's FTE salary, else its top point. */
static int64_t post_pay(const pps_post *p)
{
	if (p->nholders)
		return holder_fte(&p->holders[0]);
	return p->npoints ? p->points[p->npoints - 1] : 0;
}

/* The most a post pays: the highest of its top point and its holders. */
static int64_t post_max(const pps_post *p)
{
	int64_t m = p->npoints ? p->points[p->npoints - 1] : 0;
	for (int i = 0; i < p->nholders; i++) {
		int64_t v = holder_fte(&p->holders[i]);
		if (v > m)
			m = v;
	}
	return m;
}

/* ---- Building the figure list --------------------------------------- */

typedef struct {
	const pps_doc *d;
	pps_figures *f;
	diag_ctx *dc;
	GArray *figs; /* pps_figure, in declaration order */
	GHashTable *seen; /* id -> GINT_TO_POINTER(index + 1), while building */
	/* exact quantities */
	qty lowest, median, ce, avg;
	qty plowest;   /* the proposed structure's lowest paid */
	bool proposed; /* quantities as the proposal would make them */
	diag_ctx *limits; /* where a multiple over its limit is told (dc but for the proposal's pass) */
	int32_t lowest_hours; /* weekly hours behind the lowest-paid hourly rate */
	GArray *work; /* int64_t FTE pence of the counted records, sorted */
} builder;

/* Registers a figure; takes ownership of the g_malloc'd display. */
static void add_fig(builder *b, const char *id, double value, char *display, pps_pos pos)
{
	if (g_hash_table_contains(b->seen, id)) {
		/* Only a multiple's id can collide (with a built-in one): report it. */
		gpointer ix = g_hash_table_lookup(b->seen, id);
		const pps_figure *prev = &g_array_index(b->figs, pps_figure, GPOINTER_TO_INT(ix) - 1);
		diag_emit(b->dc, DIAG_DUP_ID, pos, id, prev->pos.line, "figure");
		g_free(display);
		return;
	}
	pps_figure fg = {
		.id = arena_strdup(b->d->arena, id),
		.value = value,
		.display = arena_strdup(b->d->arena, display),
		.pos = pos,
	};
	g_free(display);
	g_array_append_val(b->figs, fg);
	g_hash_table_insert(b->seen, (gpointer)fg.id, GINT_TO_POINTER((int)b->figs->len));
}

static void add_money(builder *b, const char *id, qty q, pps_pos pos)
{
	add_fig(b, id, qty_double(q) / 100, fig_money(qty_pence(q), false), pos);
}

/* ---- Scales ---------------------------------------------------------- */

static int32_t scale_hours(const pps_doc *d, const pps_scale *s)
{
	return s && s->hours_x100 > 0 ? s->hours_x100 : d->hours_x100 > 0 ? d->hours_x100 : 3700;
}

static int32_t doc_weeks(const pps_doc *d) { return d->weeks_x1000 > 0 ? d->weeks_x1000 : 52143; }

/* salary_pence / (hours * weeks) as a double in pounds (unrounded value). */
static double rate_double(int64_t pence, int32_t hours_x100, int32_t weeks_x1000)
{
	i128 wn, wd;
	weeks_frac(weeks_x1000, &wn, &wd);
	return (double)pence * (double)wd / ((double)hours_x100 * (double)wn);
}

static void compute_scales(builder *b)
{
	const pps_doc *d = b->d;
	pps_figures *f = b->f;
	int32_t w = doc_weeks(d);
	f->nscales = d->nscales;
	f->scales = arena_array(d->arena, (size_t)d->nscales, sizeof(pps_scale_fig));
	for (int i = 0; i < d->nscales; i++) {
		const pps_scale *s = &d->scales[i];
		pps_scale_fig *sf = &f->scales[i];
		int32_t h = scale_hours(d, s);
		sf->scale = s;
		sf->pts = arena_array(d->arena, (size_t)s->npoints, sizeof(pps_point_fig));
		const pps_point *low = NULL;
		const pps_point_fig *lowf = NULL;
		for (int k = 0; k < s->npoints; k++) {
			const pps_point *p = &s->points[k];
			pps_point_fig *pf = &sf->pts[k];
			pf->n = p->n;
			pf->base = p->salary ? p->salary[0] : 0;
			pf->rate_e4 = fig_hourly_e4(pf->base, h, w);
			pf->supp = arena_array(d->arena, (size_t)s->nsupps, sizeof(int64_t));
			pf->supp_rate_e4 = arena_array(d->arena, (size_t)s->nsupps, sizeof(int64_t));
			for (int j = 0; j < s->nsupps; j++) {
				pf->supp[j] = fig_supplement(pf->base, s->supps[j]->percent_bp);
				pf->supp_rate_e4[j] = fig_hourly_e4(pf->supp[j], h, w);
			}
			if (!low && pf->base > 0) {
				low = p;
				lowf = pf;
			}
		}
		/* Only the council's own scales (those printed with hourly rates) are
		 * held to the living wages: national scales such as JNC Youth and
		 * Community keep bottom points nobody is paid on. */
		if (!low || !s->rates)
			continue;
		/* The lowest point against the living wages, compared exactly. */
		if (d->nlw_e4 > 0 && rate_below(lowf->base, d->nlw_e4, h, w)) {
			char *r = fig_rate(lowf->rate_e4), *wage = money_pence(clamp64(div_round(d->nlw_e4, 100)));
			char *rr = g_strconcat(POUND, r, NULL);
			diag_emit(b->dc, DIAG_BELOW_NLW, low->pos, low->n, rr, wage);
			g_free(r), g_free(rr), g_free(wage);
		} else if (d->rlw_e4 > 0 && !d->living_wage_supplement && rate_below(lowf->base, d->rlw_e4, h, w)) {
			char *r = fig_rate(lowf->rate_e4), *wage = money_pence(clamp64(div_round(d->rlw_e4, 100)));
			char *rr = g_strconcat(POUND, r, NULL);
			diag_emit(b->dc, DIAG_BELOW_RLW, low->pos, low->n, rr, wage);
			g_free(r), g_free(rr), g_free(wage);
		}
		/* Prose figures: the lowest point's hourly rate, rounded once to the penny. */
		char *id = g_strdup_printf("%s-lowest-hourly", s->id);
		add_fig(b, id, rate_double(lowf->base, h, w), money_pence(fig_hourly_pence(lowf->base, h, w)), s->pos);
		g_free(id);
		for (int j = 0; j < s->nsupps; j++) {
			id = g_strdup_printf("%s-%s-lowest-hourly", s->id, s->supps[j]->id);
			add_fig(b, id, rate_double(lowf->supp[j], h, w), money_pence(fig_hourly_pence(lowf->supp[j], h, w)),
				s->supps[j]->pos);
			g_free(id);
		}
	}
}

/* ---- Lowest paid, median, chief officers ----------------------------- */

static void compute_lowest(builder *b)
{
	const pps_doc *d = b->d;
	const pps_lowest *l = &d->lowest;
	b->lowest_hours = scale_hours(d, NULL);
	if (!l->present)
		return;
	int64_t v = 0;
	if (l->scale) {
		const pps_scale *s = model_scale(d, l->scale);
		const pps_point *p = model_point(s, l->point);
		if (p && p->salary)
			v = p->salary[0];
		b->lowest_hours = scale_hours(d, s);
	} else {
		v = l->salary;
	}
	if (v <= 0)
		return;
	b->lowest = (qty){true, v, 1, l->pos};
	b->f->lowest = v;
	add_money(b, "lowest-salary", b->lowest, l->pos);
	int32_t w = doc_weeks(d);
	add_fig(b, "lowest-hourly", rate_double(v, b->lowest_hours, w),
		money_pence(fig_hourly_pence(v, b->lowest_hours, w)), l->pos);
}

/* The proposal's lowest paid: its own definition, else the current one,
 * each read from the proposed points of its scale where they change. */
static void compute_lowest_proposed(builder *b)
{
	const pps_doc *d = b->d;
	const pps_proposal *pr = &d->proposal;
	if (!pr->present)
		return;
	const pps_lowest *l = pr->lowest.present ? &pr->lowest : &d->lowest;
	if (!l->present)
		return;
	int64_t v = l->salary;
	const pps_scale *s = l->scale ? model_scale(d, l->scale) : NULL;
	if (l->scale) {
		const pps_prop_scale *ps = model_prop_scale(pr, l->scale);
		const pps_point *p = NULL;
		if (ps) {
			for (int i = 0; i < ps->npoints; i++)
				if (ps->points[i].n == l->point)
					p = &ps->points[i];
			/* The proposal's own definition naming a dropped point is an
			 * error (xml_read.c); the current one silently missing would
			 * leave HR wondering where the proposed multiples went. */
			if (!p && !pr->lowest.present)
				diag_emit(b->dc, DIAG_PROPOSAL_LOWEST_DROPPED, pr->pos, l->point, l->scale);
		} else {
			p = model_point(s, l->point);
		}
		v = p && p->salary ? p->salary[0] : 0;
	}
	if (v <= 0)
		return;
	b->plowest = (qty){true, v, 1, l->pos};
	add_money(b, "lowest-salary-proposed", b->plowest, l->pos);
	int32_t h = scale_hours(d, s), w = doc_weeks(d);
	add_fig(b, "lowest-hourly-proposed", rate_double(v, h, w), money_pence(fig_hourly_pence(v, h, w)), l->pos);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Twice the median of sorted v[0..n), so an even count stays exact. */
static i128 median_x2(const int64_t *v, int n)
{
	if (n <= 0)
		return 0;
	return n % 2 ? (i128)v[n / 2] * 2 : (i128)v[n / 2 - 1] + v[n / 2];
}

static void compute_median(builder *b)
{
	const pps_doc *d = b->d;
	const pps_workforce *wf = &d->workforce;
	if (!wf->present)
		return;
	b->work = g_array_sized_new(FALSE, FALSE, sizeof(int64_t), (guint)wf->nemp);
	for (int i = 0; i < wf->nemp; i++) {
		const pps_employee *e = &wf->emp[i];
		if (wf->exclude_schools && e->school)
			continue;
		g_array_append_val(b->work, e->salary);
	}
	int n = (int)b->work->len;
	if (n > 1)
		qsort(b->work->data, (size_t)n, sizeof(int64_t), cmp_i64);
	b->f->workforce_count = n;
	if (wf->nemp > 0 && n == 0)
		diag_emit(b->dc, DIAG_CSV_EMPTY, wf->pos);
	if (wf->stated_median > 0)
		b->median = (qty){true, wf->stated_median, 1, wf->pos};
	else if (n > 0)
		b->median = (qty){true, median_x2((const int64_t *)(void *)b->work->data, n), 2, wf->pos};
	if (b->median.ok) {
		b->f->median = qty_pence(b->median);
		add_money(b, "median", b->median, wf->pos);
	}
	if (n > 0) {
		GString *s = g_string_new(NULL);
		append_grouped(s, (uint64_t)n);
		add_fig(b, "workforce-count", n, g_string_free(s, FALSE), wf->pos);
	}
}

static void compute_chiefs(builder *b)
{
	const pps_doc *d = b->d;
	const pps_post *ce = model_chief_executive(d);
	if (ce) {
		int64_t v = post_pay(ce);
		if (v > 0) {
			b->ce = (qty){true, v, 1, ce->pos};
			b->f->chief_executive = v;
			add_money(b, "chief-executive-salary", b->ce, ce->pos);
		}
	}
	/* Mean of every holder of a chief executive or chief officer post, each
	 * grossed up to full time (half up to the penny) first. */
	i128 sum = 0;
	int n = 0;
	pps_pos pos = {0};
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i];
		if (p->role != ROLE_CHIEF_EXECUTIVE && p->role != ROLE_CHIEF_OFFICER)
			continue;
		if (!pos.file)
			pos = p->pos;
		for (int k = 0; k < p->nholders; k++) {
			sum += holder_fte(&p->holders[k]);
			n++;
		}
	}
	if (n > 0) {
		b->avg = (qty){true, sum, n, pos};
		b->f->average_chief_officer = qty_double(b->avg);
		add_money(b, "average-chief-officer", b->avg, pos);
	}
}

/* ---- Multiples ------------------------------------------------------- */

/* A post's top point: the proposal's when it changes the post's points. */
static int64_t post_top(const builder *b, const pps_post *p)
{
	const pps_prop_post *pp = b->proposed ? model_prop_post(&b->d->proposal, p->id) : NULL;
	if (pp)
		return pp->npoints ? pp->points[pp->npoints - 1] : 0;
	return p->npoints ? p->points[p->npoints - 1] : 0;
}

/* What a post pays: its first holder (FTE), else its top point. */
static int64_t post_pay_b(const builder *b, const pps_post *p)
{
	return p->nholders ? holder_fte(&p->holders[0]) : post_top(b, p);
}

static qty quantity(builder *b, const char *name, const pps_multiple *m)
{
	const pps_doc *d = b->d;
	if (!name)
		return (qty){0};
	if (!strcmp(name, "lowest")) {
		qty q = b->proposed ? b->plowest : b->lowest;
		if (!q.ok)
			diag_emit(b->dc, DIAG_NO_LOWEST, m->pos);
		return q;
	}
	if (!strcmp(name, "median")) {
		if (!b->median.ok)
			diag_emit(b->dc, DIAG_NO_WORKFORCE, m->pos);
		return b->median;
	}
	if (!strcmp(name, "chief-executive")) {
		if (!b->ce.ok)
			diag_emit(b->dc, DIAG_NO_CHIEF_EXECUTIVE, m->pos);
		if (b->proposed && b->ce.ok) {
			const pps_post *ce = model_chief_executive(d);
			return (qty){true, post_pay_b(b, ce), 1, ce->pos};
		}
		return b->ce;
	}
	if (!strcmp(name, "average-chief-officer")) {
		if (!b->avg.ok)
			diag_emit(b->dc, DIAG_NO_AVERAGE, m->pos);
		return b->avg;
	}
	if (g_str_has_prefix(name, "post:")) {
		const pps_post *p = model_post(d, name + 5);
		if (!p) {
			diag_emit(b->dc, DIAG_UNKNOWN_REF, m->pos, "post", name + 5);
			return (qty){0};
		}
		return (qty){true, post_pay_b(b, p), 1, p->pos};
	}
	/* The top of the post's scale even when it has a holder. */
	if (g_str_has_prefix(name, "post-top:")) {
		const pps_post *p = model_post(d, name + 9);
		if (!p) {
			diag_emit(b->dc, DIAG_UNKNOWN_REF, m->pos, "post", name + 9);
			return (qty){0};
		}
		int64_t v = post_top(b, p);
		return (qty){v > 0, v, 1, p->pos};
	}
	diag_emit(b->dc, DIAG_UNKNOWN_REF, m->pos, "quantity", name);
	return (qty){0};
}

/* Each multiple; with b->proposed, as the proposal would make it, named
 * ID-proposed. */
static void compute_multiples(builder *b)
{
	const pps_doc *d = b->d;
	for (int i = 0; i < d->nmultiples; i++) {
		const pps_multiple *m = &d->multiples[i];
		qty top = quantity(b, m->top, m), base = quantity(b, m->base, m);
		if (!top.ok || !base.ok)
			continue;
		if (base.num == 0) {
			diag_emit(b->dc, DIAG_ZERO_DIVISOR, m->pos, m->id, m->base);
			continue;
		}
		const char *id = b->proposed ? arena_printf(d->arena, "%s-proposed", m->id) : m->id;
		/* ratio = (top.num / top.den) / (base.num / base.den), rounded once. */
		i128 num = top.num * base.den, den = top.den * base.num;
		int places = m->places < 0 ? 0 : m->places > 9 ? 9 : m->places;
		int64_t q = clamp64(div_round(num * pow10_i(places), den));
		double ratio = (double)num / (double)den;
		add_fig(b, id, ratio, format_multiple_q(q, places, m->one_first, m->spaced), m->pos);
		if (m->limit_x100 > 0 && num * 100 > (i128)m->limit_x100 * den) {
			/* The limit printed in the multiple's own style, without needless zeros. */
			int lp = m->limit_x100 % 100 == 0 ? 0 : m->limit_x100 % 10 == 0 ? 1 : 2;
			int64_t lq = m->limit_x100 / (lp == 0 ? 100 : lp == 1 ? 10 : 1);
			char *lim = format_multiple_q(lq, lp, m->one_first, m->spaced);
			char *shown = format_multiple_q(q, places, m->one_first, m->spaced);
			diag_emit(b->limits ? b->limits : b->dc, DIAG_MULTIPLE_LIMIT, m->pos, id, shown, lim);
			g_free(lim);
			g_free(shown);
		}
	}
}

/* ---- Gender pay gap -------------------------------------------------- */

typedef struct {
	int64_t pay; /* FTE salary in pence: hourly pay times a constant */
	char g;      /* 'f' or 'm' */
} gp_rec;

static int cmp_rec(const void *a, const void *b)
{
	const gp_rec *x = a, *y = b;
	return x->pay != y->pay ? (x->pay > y->pay) - (x->pay < y->pay) : (x->g > y->g) - (x->g < y->g);
}

static i128 gcd128(i128 a, i128 b)
{
	while (b) {
		i128 t = a % b;
		a = b;
		b = t;
	}
	return a < 0 ? -a : a;
}

/* An exact fraction of a person: num/den. */
typedef struct {
	i128 num, den;
} frac;

static void frac_add(frac *x, i128 num, i128 den)
{
	x->num = x->num * den + num * x->den;
	x->den *= den;
	i128 g = gcd128(x->num, x->den);
	if (g > 1) {
		x->num /= g;
		x->den /= g;
	}
}

/* Every rate in the gap is FTE salary / (standard hours x weeks), one divisor
 * for all, so the gaps and the ranking are computed on FTE pence exactly.
 * recs holds the people with a recorded gender; figures are named
 * PREFIX-mean, PREFIX-median, PREFIX-q1-men ... */
static void gpg_from(builder *b, GArray *recs, const char *prefix, pps_gpg *g, pps_pos pos)
{
	i128 sm = 0, sw = 0;
	int nm = 0, nw = 0;
	for (guint i = 0; i < recs->len; i++) {
		const gp_rec *r = &g_array_index(recs, gp_rec, i);
		if (r->g == 'm') {
			sm += r->pay;
			nm++;
		} else {
			sw += r->pay;
			nw++;
		}
	}
	if (nm == 0 || nw == 0 || sm == 0)
		return;
	int n = (int)recs->len;
	gp_rec *v = (gp_rec *)(void *)recs->data;
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, cmp_rec);
	g->present = true;
	g->nmen = nm;
	g->nwomen = nw;

	/* Mean: (Sm/nm - Sw/nw) / (Sm/nm) = (Sm*nw - Sw*nm) / (Sm*nw). */
	i128 mnum = sm * nw - sw * nm, mden = sm * nw;
	g->mean_gap = (double)mnum / (double)mden * 100;
	int64_t mean10 = clamp64(div_round(mnum * 1000, mden));

	/* Median: each gender's sorted pay, twice its median. */
	int64_t *men = g_new(int64_t, nm), *women = g_new(int64_t, nw);
	for (int i = 0, a = 0, c = 0; i < n; i++)
		if (v[i].g == 'm')
			men[a++] = v[i].pay;
		else
			women[c++] = v[i].pay;
	i128 mm2 = median_x2(men, nm), mw2 = median_x2(women, nw);
	g_free(men);
	g_free(women);
	int64_t median10 = 0;
	if (mm2 > 0) {
		g->median_gap = (double)(mm2 - mw2) / (double)mm2 * 100;
		median10 = clamp64(div_round((mm2 - mw2) * 1000, mm2));
	}

	/* Quartiles: bounds at floor(j*n/4), so the sizes differ by at most one
	 * and the extra people fall in the upper quartiles.  A run of equal pay
	 * that crosses a bound is shared out in proportion: each quartile gets
	 * its share of the run's men and women (fractions of a person). */
	int bound[5];
	for (int j = 0; j <= 4; j++)
		bound[j] = (int)((int64_t)j * n / 4);
	frac mq[4];
	for (int j = 0; j < 4; j++)
		mq[j] = (frac){0, 1};
	for (int s = 0; s < n;) {
		int e = s, mr = 0;
		while (e < n && v[e].pay == v[s].pay)
			mr += v[e++].g == 'm';
		for (int j = 0; j < 4; j++) {
			int lo = MAX(s, bound[j]), hi = MIN(e, bound[j + 1]);
			if (hi > lo)
				frac_add(&mq[j], (i128)(hi - lo) * mr, e - s);
		}
		s = e;
	}
	char *names[4] = {"q1", "q2", "q3", "q4"};
	int64_t men10[4], women10[4];
	for (int j = 0; j < 4; j++) {
		int size = bound[j + 1] - bound[j];
		if (size == 0) {
			men10[j] = women10[j] = 0;
			continue;
		}
		/* men share = mq/size; women share = (size - mq)/size. */
		i128 den = mq[j].den * size;
		g->q_men[j] = (double)mq[j].num / (double)den * 100;
		g->q_women[j] = (double)(mq[j].den * size - mq[j].num) / (double)den * 100;
		men10[j] = clamp64(div_round(mq[j].num * 1000, den));
		women10[j] = clamp64(div_round((mq[j].den * size - mq[j].num) * 1000, den));
	}

	char *fid = g_strdup_printf("%s-mean", prefix);
	add_fig(b, fid, g->mean_gap, format_pct10(mean10), pos);
	g_free(fid);
	fid = g_strdup_printf("%s-median", prefix);
	add_fig(b, fid, g->median_gap, format_pct10(median10), pos);
	g_free(fid);
	for (int j = 0; j < 4; j++) {
		char *id = g_strdup_printf("%s-%s-men", prefix, names[j]);
		add_fig(b, id, g->q_men[j], format_pct10(men10[j]), pos);
		g_free(id);
		id = g_strdup_printf("%s-%s-women", prefix, names[j]);
		add_fig(b, id, g->q_women[j], format_pct10(women10[j]), pos);
		g_free(id);
	}
	GString *s = g_string_new(NULL);
	append_grouped(s, (uint64_t)nm);
	fid = g_strdup_printf("%s-men-count", prefix);
	add_fig(b, fid, nm, g_string_free(s, FALSE), pos);
	g_free(fid);
	s = g_string_new(NULL);
	append_grouped(s, (uint64_t)nw);
	fid = g_strdup_printf("%s-women-count", prefix);
	add_fig(b, fid, nw, g_string_free(s, FALSE), pos);
	g_free(fid);
}

/* A percentage figure from num/den, half up to 1 decimal (the rule of every
 * gender pay gap figure). */
static void add_pct(builder *b, const char *id, i128 num, i128 den, pps_pos pos)
{
	add_fig(b, id, (double)num / (double)den * 100, format_pct10(clamp64(div_round(num * 1000, den))), pos);
}

/* The bonus figures of the 2017 regulations (Sch 1 paras 2(c)-(e)): among
 * the same people as the hourly gap, the proportion of men and of women paid
 * a bonus, and the mean and median gap between the bonuses of the men and
 * women paid one.  Bonuses are the amounts paid, not grossed up to full time. */
static void gpg_bonus(builder *b, const pps_workforce *wf, pps_gpg *g)
{
	int nm = 0, nw = 0;
	GArray *men = g_array_new(FALSE, FALSE, sizeof(int64_t)), *women = g_array_new(FALSE, FALSE, sizeof(int64_t));
	i128 sm = 0, sw = 0;
	for (int i = 0; i < wf->nemp; i++) {
		const pps_employee *e = &wf->emp[i];
		if ((wf->exclude_schools && e->school) || (e->gender != 'f' && e->gender != 'm'))
			continue;
		bool man = e->gender == 'm';
		nm += man;
		nw += !man;
		if (e->bonus <= 0)
			continue;
		g_array_append_val(man ? men : women, e->bonus);
		if (man)
			sm += e->bonus;
		else
			sw += e->bonus;
	}
	g->has_bonus = true;
	g->nmen_bonus = (int)men->len;
	g->nwomen_bonus = (int)women->len;
	g->men_bonus_pct = 100.0 * men->len / nm;
	g->women_bonus_pct = 100.0 * women->len / nw;
	int bm = (int)men->len, bw = (int)women->len;
	if (bm > 0 && bw > 0) {
		g->bonus_gap = true;
		/* (Sm/bm - Sw/bw) / (Sm/bm) = (Sm*bw - Sw*bm) / (Sm*bw) */
		i128 num = sm * bw - sw * bm, den = sm * bw;
		g->bonus_mean_gap = (double)num / (double)den * 100;
		add_pct(b, "gpg-bonus-mean", num, den, wf->pos);
		qsort(men->data, men->len, sizeof(int64_t), cmp_i64);
		qsort(women->data, women->len, sizeof(int64_t), cmp_i64);
		i128 mm2 = median_x2((const int64_t *)(void *)men->data, bm);
		i128 mw2 = median_x2((const int64_t *)(void *)women->data, bw);
		g->bonus_median_gap = (double)(mm2 - mw2) / (double)mm2 * 100;
		add_pct(b, "gpg-bonus-median", mm2 - mw2, mm2, wf->pos);
	}
	add_pct(b, "gpg-bonus-men", bm, nm, wf->pos);
	add_pct(b, "gpg-bonus-women", bw, nw, wf->pos);
	g_array_free(men, TRUE);
	g_array_free(women, TRUE);
}

static void compute_gpg(builder *b)
{
	const pps_doc *d = b->d;
	const pps_workforce *wf = &d->workforce;
	if (wf->present && wf->nemp > 0) {
		GArray *recs = g_array_sized_new(FALSE, FALSE, sizeof(gp_rec), (guint)wf->nemp);
		for (int i = 0; i < wf->nemp; i++) {
			const pps_employee *e = &wf->emp[i];
			if ((wf->exclude_schools && e->school) || (e->gender != 'f' && e->gender != 'm'))
				continue;
			gp_rec r = {e->salary, e->gender};
			g_array_append_val(recs, r);
		}
		gpg_from(b, recs, "gpg", &b->f->gpg, wf->pos);
		g_array_free(recs, TRUE);
		if (b->f->gpg.present && wf->has_bonus)
			gpg_bonus(b, wf, &b->f->gpg);
		if (b->f->gpg.present && wf->date && !g_str_has_suffix(wf->date, "-03-31"))
			diag_emit(b->dc, DIAG_GPG_SNAPSHOT, wf->pos, wf->date, wf->date);
	}
	/* Chief officers (trade unions ask for it): holders with a gender,
	 * full-time equivalent salaries. */
	GArray *recs = g_array_new(FALSE, FALSE, sizeof(gp_rec));
	pps_pos pos = {0};
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i];
		if (p->role == ROLE_OTHER)
			continue;
		for (int k = 0; k < p->nholders; k++) {
			const pps_holder *h = &p->holders[k];
			if (h->gender != 'f' && h->gender != 'm')
				continue;
			gp_rec r = {(int64_t)div_round((i128)h->salary * 10000, h->fte_e4 > 0 ? h->fte_e4 : 10000), h->gender};
			g_array_append_val(recs, r);
			if (!pos.line)
				pos = h->pos;
		}
	}
	gpg_from(b, recs, "gpg-chief", &b->f->gpg_chief, pos);
	g_array_free(recs, TRUE);
}

/* ---- Transparency Code 2015: senior pay -------------------------------- */

int64_t fig_remuneration(const pps_employee *e)
{
	return clamp64(div_round((i128)e->salary * e->fte_e4, 10000)) + e->bonus;
}

int64_t fig_post_max(const pps_post *p) { return post_max(p); }

bool fig_senior_post(const pps_post *p) { return post_max(p) >= FIG_SENIOR_FROM; }

bool fig_senior_details(const pps_doc *d)
{
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i];
		if (!fig_senior_post(p))
			continue;
		if (p->has_budget || ml_has(&p->responsibilities, LANG_EN) || ml_has(&p->responsibilities, LANG_CY))
			return true;
		for (int k = 0; k < p->nholders; k++)
			if (fig_name_published(&p->holders[k]))
				return true;
	}
	return false;
}

bool fig_name_published(const pps_holder *h)
{
	return h->name && *h->name && h->salary >= FIG_NAMED_FROM;
}

/* Counts in £5,000 bands from £50,000 (the records of the median: school
 * records left out with exclude-schools); figures senior-count and
 * senior-band-50000, senior-band-55000, ... */
static void compute_senior(builder *b)
{
	const pps_workforce *wf = &b->d->workforce;
	if (!wf->present || wf->nemp == 0)
		return;
	GArray *bands = g_array_new(FALSE, TRUE, sizeof(int));
	int total = 0;
	for (int i = 0; i < wf->nemp; i++) {
		const pps_employee *e = &wf->emp[i];
		if (wf->exclude_schools && e->school)
			continue;
		int64_t r = fig_remuneration(e);
		if (r < FIG_SENIOR_FROM)
			continue;
		guint k = (guint)((r - FIG_SENIOR_FROM) / FIG_SENIOR_BAND);
		if (k >= bands->len)
			g_array_set_size(bands, k + 1);
		g_array_index(bands, int, k)++;
		total++;
	}
	pps_figures *f = b->f;
	f->senior_present = true;
	f->nsenior_bands = (int)bands->len;
	f->senior_bands = bands->len ? arena_memdup(b->d->arena, bands->data, sizeof(int) * bands->len) : NULL;
	f->senior_count = total;
	GString *s = g_string_new(NULL);
	append_grouped(s, (uint64_t)total);
	add_fig(b, "senior-count", total, g_string_free(s, FALSE), wf->pos);
	for (int k = 0; k < f->nsenior_bands; k++) {
		char id[40];
		g_snprintf(id, sizeof id, "senior-band-%d", (FIG_SENIOR_FROM + k * FIG_SENIOR_BAND) / 100);
		s = g_string_new(NULL);
		append_grouped(s, (uint64_t)f->senior_bands[k]);
		add_fig(b, id, f->senior_bands[k], g_string_free(s, FALSE), wf->pos);
	}
	g_array_free(bands, TRUE);
}

/* ---- Checks on posts ------------------------------------------------- */

static void check_posts(builder *b)
{
	const pps_doc *d = b->d;
	const pps_post *ce = model_chief_executive(d);
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i];
		for (int k = 0; k < p->nholders; k++) {
			const pps_holder *h = &p->holders[k];
			if (h->name && *h->name && !fig_name_published(h)) {
				char *a = fig_money(h->salary, false);
				diag_emit(b->dc, DIAG_NAME_UNPUBLISHED, h->pos, p->id, a);
				g_free(a);
			}
		}
		int64_t top = post_max(p);
		/* Guidance: packages of the threshold "or more" go to full council. */
		if (d->approval_threshold > 0 && top >= d->approval_threshold) {
			char *a = fig_money(top, false), *t = fig_money(d->approval_threshold, false);
			diag_emit(b->dc, DIAG_OVER_THRESHOLD, p->pos, p->id, a, t);
			g_free(a), g_free(t);
		}
		if (ce && p != ce && p->role == ROLE_CHIEF_OFFICER && b->ce.ok && top > b->f->chief_executive) {
			char *a = fig_money(b->f->chief_executive, false), *o = fig_money(top, false);
			diag_emit(b->dc, DIAG_CE_BELOW_OFFICER, ce->pos, a, p->id, o);
			g_free(a), g_free(o);
		}
	}
	if (ce && b->ce.ok && b->lowest.ok && b->f->chief_executive < b->f->lowest) {
		char *a = fig_money(b->f->chief_executive, false), *l = fig_money(b->f->lowest, false);
		diag_emit(b->dc, DIAG_CE_BELOW_LOWEST, ce->pos, a, l);
		g_free(a), g_free(l);
	}
}

/* ---- Entry points ---------------------------------------------------- */

void fig_compute(const pps_doc *d, pps_figures *f, diag_ctx *dc)
{
	*f = (pps_figures){.arena = d->arena};
	builder b = {
		.d = d,
		.f = f,
		.dc = dc,
		.figs = g_array_new(FALSE, TRUE, sizeof(pps_figure)),
		.seen = g_hash_table_new(g_str_hash, g_str_equal),
	};
	/* Declaration order is the order of `ppsgen figures`. */
	compute_lowest(&b);
	compute_median(&b);
	compute_chiefs(&b);
	compute_multiples(&b);
	if (d->proposal.present) {
		/* Every multiple again under the proposal: what is missing was
		 * reported once above, so only its limits are told here. */
		compute_lowest_proposed(&b);
		diag_ctx scratch;
		diag_init(&scratch);
		b.dc = &scratch;
		b.limits = dc;
		b.proposed = true;
		compute_multiples(&b);
		b.proposed = false;
		b.dc = dc;
		diag_clear(&scratch);
	}
	compute_gpg(&b);
	compute_senior(&b);
	compute_scales(&b);
	check_posts(&b);

	f->nfigs = (int)b.figs->len;
	f->figs = arena_memdup(d->arena, b.figs->data, sizeof(pps_figure) * b.figs->len);
	f->by_id = g_hash_table_new(g_str_hash, g_str_equal);
	for (int i = 0; i < f->nfigs; i++)
		g_hash_table_insert(f->by_id, (gpointer)f->figs[i].id, &f->figs[i]);
	g_array_free(b.figs, TRUE);
	g_hash_table_destroy(b.seen);
	if (b.work)
		g_array_free(b.work, TRUE);
}

void fig_free(pps_figures *f)
{
	if (!f)
		return;
	if (f->by_id)
		g_hash_table_destroy(f->by_id);
	*f = (pps_figures){0};
}

const pps_figure *fig_get(const pps_figures *f, const char *id)
{
	if (!f || !f->by_id || !id)
		return NULL;
	return g_hash_table_lookup(f->by_id, id);
}

/* ---- Proposal tables -------------------------------------------------- */

const char *fig_prop_change_label(pps_prop_change c)
{
	static const char *const ids[] = {"prop-kept", "prop-changed", "prop-dropped", "prop-added"};
	return ids[c];
}

static pps_prop_row prop_row(int n, int64_t cur, int64_t prop)
{
	pps_prop_change c = !prop ? PROP_DROPPED : !cur ? PROP_ADDED : cur == prop ? PROP_KEPT : PROP_CHANGED;
	return (pps_prop_row){n, cur, prop, c};
}

int fig_proposal_rows(const pps_doc *d, const char *ref, bool post_ref, arena *a, pps_prop_row **out)
{
	*out = NULL;
	GArray *rows = g_array_new(FALSE, FALSE, sizeof(pps_prop_row));
	if (post_ref) {
		const pps_post *p = model_post(d, ref);
		const pps_prop_post *pp = model_prop_post(&d->proposal, ref);
		if (!p || !pp) {
			g_array_free(rows, TRUE);
			return 0;
		}
		/* Both lists ascend: merged, a salary in both is kept. */
		int i = 0, k = 0;
		while (i < p->npoints || k < pp->npoints) {
			int64_t x = i < p->npoints ? p->points[i] : INT64_MAX, y = k < pp->npoints ? pp->points[k] : INT64_MAX;
			pps_prop_row r = prop_row(0, x <= y ? x : 0, y <= x ? y : 0);
			i += x <= y;
			k += y <= x;
			g_array_append_val(rows, r);
		}
	} else {
		const pps_scale *s = model_scale(d, ref);
		const pps_prop_scale *ps = model_prop_scale(&d->proposal, ref);
		if (!s || !ps) {
			g_array_free(rows, TRUE);
			return 0;
		}
		int i = 0, k = 0;
		while (i < s->npoints || k < ps->npoints) {
			int x = i < s->npoints ? s->points[i].n : INT_MAX, y = k < ps->npoints ? ps->points[k].n : INT_MAX;
			int64_t cur = x <= y ? s->points[i].salary[0] : 0, prop = y <= x ? ps->points[k].salary[0] : 0;
			pps_prop_row r = prop_row(MIN(x, y), cur, prop);
			i += x <= y;
			k += y <= x;
			g_array_append_val(rows, r);
		}
	}
	int n = (int)rows->len;
	*out = arena_memdup(a, rows->data, sizeof(pps_prop_row) * rows->len);
	g_array_free(rows, TRUE);
	return n;
}

/* The lowest and highest salary (first column) among points from..to of
 * pts; false when none of them is there.  *a and *b: the first and last
 * such point. */
static bool points_range(const pps_point *pts, int n, int from, int to, int *a, int *b, int64_t *lo, int64_t *hi)
{
	bool any = false;
	for (int i = 0; i < n; i++) {
		if (pts[i].n < from || pts[i].n > to)
			continue;
		int64_t v = pts[i].salary[0];
		if (!any) {
			*a = pts[i].n;
			*lo = *hi = v;
		}
		*b = pts[i].n;
		*lo = MIN(*lo, v);
		*hi = MAX(*hi, v);
		any = true;
	}
	return any;
}

static const pps_prop_grade *prop_grade(const pps_prop_scale *ps, const char *ref)
{
	for (int i = 0; ref && i < ps->ngrades; i++)
		if (ps->grades[i].ref && !strcmp(ps->grades[i].ref, ref))
			return &ps->grades[i];
	return NULL;
}

int fig_proposal_grade_rows(const pps_doc *d, const char *ref, arena *a, pps_prop_grade_row **out)
{
	*out = NULL;
	const pps_scale *s = model_scale(d, ref);
	const pps_prop_scale *ps = model_prop_scale(&d->proposal, ref);
	if (!s || !ps)
		return 0;
	GArray *rows = g_array_new(FALSE, FALSE, sizeof(pps_prop_grade_row));
	for (int i = 0; i < s->ngrades + ps->ngrades; i++) {
		pps_prop_grade_row r = {0};
		if (i < s->ngrades) {
			r.grade = &s->grades[i];
			r.pg = prop_grade(ps, r.grade->id);
			if (!points_range(s->points, s->npoints, r.grade->from, r.grade->to, &r.cur_from, &r.cur_to,
					  &r.cur_lo, &r.cur_hi))
				r.cur_from = r.cur_to = 0;
		} else {
			r.pg = &ps->grades[i - s->ngrades];
			if (r.pg->ref)
				continue; /* a current grade's change: its row is above */
		}
		int from = r.pg ? r.pg->from : r.grade->from, to = r.pg ? r.pg->to : r.grade->to;
		if ((r.pg && r.pg->drop) ||
		    !points_range(ps->points, ps->npoints, from, to, &r.prop_from, &r.prop_to, &r.prop_lo, &r.prop_hi))
			r.prop_from = r.prop_to = 0, r.prop_lo = r.prop_hi = 0;
		if (!r.prop_from)
			r.change = PROP_DROPPED;
		else if (!r.grade)
			r.change = PROP_ADDED;
		else
			r.change = r.cur_from == r.prop_from && r.cur_to == r.prop_to && r.cur_lo == r.prop_lo &&
					   r.cur_hi == r.prop_hi
					   ? PROP_KEPT
					   : PROP_CHANGED;
		g_array_append_val(rows, r);
	}
	int n = (int)rows->len;
	*out = arena_memdup(a, rows->data, sizeof(pps_prop_grade_row) * rows->len);
	g_array_free(rows, TRUE);
	return n;
}
