/* rollover.c — `ppsgen rollover`: reads this year's statement and a pay award
 * with the safe parser, rewrites the salaries of the scales the award names
 * and the year, writes the next statement atomically and says what changed
 * and what is left to update by hand. */
#include "rollover.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "figures.h"
#include "xml_read.h"

__extension__ typedef __int128 i128;

/* ---- The award ---------------------------------------------------------- */

typedef struct {
	int from, to;  /* spinal points, inclusive */
	int32_t bp;    /* basis points: 200 = 2% */
	pps_pos pos;
} pct_rule;

typedef struct {
	int point;
	int64_t salary; /* pence: the new salary, or the increase when is_add */
	bool is_add;
	pps_pos pos;
} flat_rule;

typedef struct {
	gchar **scales;      /* ids named by scale="…" */
	char *effective;
	GArray *pcts;        /* pct_rule */
	GArray *flats;       /* flat_rule */
	int64_t min_pence;   /* minimum hourly rate in pence; 0 = none */
	bool round_penny;    /* round="penny": results keep pence */
	pps_pos pos;
} award;

typedef struct {
	diag_ctx *dc;
	const char *stmt_file, *award_file;
	GString *sum;
	GPtrArray *awards; /* award* */
	int32_t hours_x100, weeks_x1000;
	int changed;
} roll;

static pps_pos npos(const char *file, xmlNodePtr n) { return (pps_pos){file, n ? (int)xmlGetLineNo(n) : 0, 1}; }

static bool is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* An attribute as a g_malloc'd string (NULL when absent). */
static char *prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? g_strdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

G_GNUC_PRINTF(3, 4)
static void award_error(roll *r, xmlNodePtr n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	diag_emit(r->dc, DIAG_AWARD, npos(r->award_file, n), m);
	g_free(m);
}

/* A scaled number attribute; reports and returns false when absent or bad. */
static bool num_prop(roll *r, xmlNodePtr n, const char *name, int digits, bool required, int64_t *out,
		     const char *what, const char *example)
{
	char *v = prop(n, name);
	if (!v) {
		if (required)
			award_error(r, n, "<%s> needs %s=\"…\" (%s, like %s)", (const char *)n->name, name, what, example);
		return false;
	}
	bool ok = digits == 2 && strstr(what, "money") ? parse_money(v, out) : parse_scaled(v, digits, out);
	if (!ok || *out < 0) {
		diag_emit(r->dc, DIAG_BAD_NUMBER, npos(r->award_file, n), v, what, example);
		ok = false;
	}
	g_free(v);
	return ok;
}

static bool valid_date(const char *s)
{
	int y, m, d;
	char tail;
	return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
	       g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

static void award_free(gpointer p)
{
	award *a = p;
	g_strfreev(a->scales);
	g_free(a->effective);
	g_array_free(a->pcts, TRUE);
	g_array_free(a->flats, TRUE);
	g_free(a);
}

static void read_award(roll *r, xmlNodePtr n)
{
	award *a = g_new0(award, 1);
	a->pos = npos(r->award_file, n);
	a->pcts = g_array_new(FALSE, FALSE, sizeof(pct_rule));
	a->flats = g_array_new(FALSE, FALSE, sizeof(flat_rule));
	g_ptr_array_add(r->awards, a);
	char *sc = prop(n, "scale");
	a->scales = g_strsplit_set(sc ? g_strstrip(sc) : "", " \t\n", -1);
	if (!sc || !*sc)
		award_error(r, n, "<award> needs scale=\"ID\": the id of the statement's <scale> it applies to");
	g_free(sc);
	a->effective = prop(n, "effective");
	if (a->effective && !valid_date(a->effective))
		diag_emit(r->dc, DIAG_BAD_DATE, a->pos, a->effective);
	char *rnd = prop(n, "round");
	if (rnd && strcmp(rnd, "pound") && strcmp(rnd, "penny"))
		award_error(r, n, "round=\"%s\" is not known; write round=\"pound\" (the default) or round=\"penny\"", rnd);
	a->round_penny = rnd && !strcmp(rnd, "penny");
	g_free(rnd);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int64_t v;
		if (is(c, "percent")) {
			pct_rule p = {.from = 0, .to = G_MAXINT, .pos = npos(r->award_file, c)};
			if (num_prop(r, c, "from", 0, false, &v, "spinal point", "20"))
				p.from = (int)v;
			if (num_prop(r, c, "to", 0, false, &v, "spinal point", "49"))
				p.to = (int)v;
			if (!num_prop(r, c, "value", 2, true, &v, "percentage", "2 or 2.75"))
				continue;
			p.bp = (int32_t)v;
			for (guint i = 0; i < a->pcts->len; i++) {
				const pct_rule *q = &g_array_index(a->pcts, pct_rule, i);
				if (p.from <= q->to && q->from <= p.to)
					award_error(r, c, "this <percent> covers points also covered by the one at line %d; make the ranges not overlap",
						    q->pos.line);
			}
			g_array_append_val(a->pcts, p);
		} else if (is(c, "flat")) {
			flat_rule f = {.pos = npos(r->award_file, c)};
			if (!num_prop(r, c, "point", 0, true, &v, "spinal point", "9"))
				continue;
			f.point = (int)v;
			bool has_sal = xmlHasProp(c, (const xmlChar *)"salary") != NULL;
			bool has_add = xmlHasProp(c, (const xmlChar *)"add") != NULL;
			if (has_sal == has_add) {
				award_error(r, c, "<flat> needs either salary=\"…\" (the new salary) or add=\"…\" (the increase), not %s",
					    has_sal ? "both" : "neither");
				continue;
			}
			f.is_add = has_add;
			if (!num_prop(r, c, has_add ? "add" : "salary", 2, true, &f.salary, "amount of money",
				      "16755 or 1380"))
				continue;
			for (guint i = 0; i < a->flats->len; i++)
				if (g_array_index(a->flats, flat_rule, i).point == f.point)
					award_error(r, c, "point %d already has a <flat> at line %d; keep one", f.point,
						    g_array_index(a->flats, flat_rule, i).pos.line);
			g_array_append_val(a->flats, f);
		} else if (is(c, "minimum-hourly")) {
			if (num_prop(r, c, "value", 2, true, &v, "amount of money per hour", "8.50"))
				a->min_pence = v;
		} else {
			award_error(r, c, "<%s> is not part of an award; use <percent>, <flat> or <minimum-hourly>",
				    (const char *)c->name);
		}
	}
	if (!a->pcts->len && !a->flats->len && !a->min_pence)
		award_error(r, n, "this award changes nothing; give <percent>, <flat> or <minimum-hourly>");
}

/* ---- Arithmetic --------------------------------------------------------- */

static int64_t div_round(i128 num, i128 den) { return (int64_t)((num * 2 + den) / (den * 2)); }

/* The hourly rate rounded to the penny, as awards state it ("£8.50"). */
static int64_t rate_pence(int64_t salary, int32_t h, int32_t w) { return fig_hourly_pence(salary, h, w); }

/* The lowest whole-pound salary whose hourly rate, to the penny, is at least min. */
static int64_t salary_for_rate(int64_t min_pence, int32_t h, int32_t w)
{
	/* Start 1% below the exact salary (half a penny an hour is far less),
	 * on a whole pound, and step up a pound at a time. */
	int64_t exact = (int64_t)((i128)min_pence * h * w / 100000);
	int64_t s = (exact - exact / 100) / 100 * 100;
	while (rate_pence(s, h, w) < min_pence)
		s += 100;
	return s;
}

/* "19819" or "19819.50": how a salary attribute is written. */
static char *salary_attr(int64_t pence)
{
	if (pence % 100)
		return g_strdup_printf("%lld.%02lld", (long long)(pence / 100), (long long)(pence % 100));
	return g_strdup_printf("%lld", (long long)(pence / 100));
}

/* "+2.0%" */
static char *change_pct(int64_t from, int64_t to)
{
	if (from <= 0)
		return g_strdup("");
	int64_t diff = to - from;
	int64_t q = diff >= 0 ? div_round((i128)diff * 1000, from) : -div_round((i128)-diff * 1000, from);
	int64_t m = q < 0 ? -q : q;
	return g_strdup_printf("%s%lld.%lld%%", q < 0 ? "-" : "+", (long long)(m / 10), (long long)(m % 10));
}

/* ---- The statement ------------------------------------------------------- */

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* The scale's point label in English ("SCP" unless it says otherwise). */
static char *point_label(xmlNodePtr scale)
{
	xmlNodePtr pl = child(scale, "point-label");
	if (!pl)
		return g_strdup("SCP");
	xmlNodePtr en = child(pl, "en");
	xmlChar *t = xmlNodeGetContent(en ? en : pl);
	char *s = g_strstrip(g_strdup(t ? (const char *)t : ""));
	xmlFree(t);
	if (!*s) {
		g_free(s);
		return g_strdup("SCP");
	}
	return s;
}

static const flat_rule *find_flat(const award *a, int n)
{
	for (guint i = 0; i < a->flats->len; i++)
		if (g_array_index(a->flats, flat_rule, i).point == n)
			return &g_array_index(a->flats, flat_rule, i);
	return NULL;
}

static const pct_rule *find_pct(const award *a, int n)
{
	for (guint i = 0; i < a->pcts->len; i++) {
		const pct_rule *p = &g_array_index(a->pcts, pct_rule, i);
		if (n >= p->from && n <= p->to)
			return p;
	}
	return NULL;
}

static int64_t parse_int_prop(xmlNodePtr n, const char *name, int64_t dflt, int digits)
{
	char *v = prop(n, name);
	int64_t x;
	if (!v || !parse_scaled(v, digits, &x))
		x = dflt;
	g_free(v);
	return x;
}

/* One scale: new salaries for every point, checked, then written back.
 * Returns false when an error stopped it (nothing is changed then). */
static bool apply_scale(roll *r, award *a, xmlNodePtr scale, const char *id)
{
	int32_t h = (int32_t)parse_int_prop(scale, "hours", r->hours_x100, 2);
	if (h <= 0)
		h = r->hours_x100;
	int32_t w = r->weeks_x1000;
	char *label = point_label(scale);
	GString *lines = g_string_new(NULL);
	GPtrArray *nodes = g_ptr_array_new();                       /* xmlNodePtr */
	GPtrArray *values = g_ptr_array_new_with_free_func(g_free); /* new salary= text */
	GHashTable *present = g_hash_table_new(g_direct_hash, g_direct_equal);
	bool ok = true;
	int prev_n = 0, unchanged = 0;
	int64_t prev_new = -1;
	for (xmlNodePtr p = scale->children; p; p = p->next) {
		if (!is(p, "point"))
			continue;
		int n = (int)parse_int_prop(p, "n", 0, 0);
		g_hash_table_add(present, GINT_TO_POINTER(n));
		pps_pos ppos = npos(r->stmt_file, p);
		char *sal = prop(p, "salary");
		gchar **parts = g_strsplit_set(sal ? sal : "", " \t\n", -1);
		g_free(sal);
		int ncols = 0;
		for (gchar **q = parts; *q; q++)
			ncols += **q != 0;
		const flat_rule *fl = find_flat(a, n);
		const pct_rule *pc = find_pct(a, n);
		if (fl && !fl->is_add && ncols > 1) {
			char *m = g_strdup_printf("point %d of scale \"%s\" has %d salary columns, but this <flat> gives one salary; use add=\"…\" (the increase) instead",
						  n, id, ncols);
			diag_emit(r->dc, DIAG_AWARD, fl->pos, m);
			g_free(m);
			ok = false;
		}
		GString *nv = g_string_new(NULL), *line = g_string_new(NULL);
		bool changed = false;
		int col = 0;
		for (gchar **q = parts; *q; q++) {
			if (!**q)
				continue;
			int64_t old, v;
			if (!parse_money(*q, &old)) {
				diag_emit(r->dc, DIAG_BAD_NUMBER, ppos, *q, "salary", "15375 or 15375.50");
				ok = false;
				break;
			}
			if (fl)
				v = fl->is_add ? old + fl->salary : fl->salary;
			else if (pc && a->round_penny)
				v = div_round((i128)old * (10000 + pc->bp), 10000);
			else if (pc)
				v = div_round((i128)old * (10000 + pc->bp), 1000000) * 100;
			else
				v = old;
			if (a->min_pence && rate_pence(v, h, w) < a->min_pence)
				v = salary_for_rate(a->min_pence, h, w);
			if (v < old) {
				char *o = fig_money(old, false), *nw = fig_money(v, false);
				diag_emit(r->dc, DIAG_AWARD_CUT, ppos, n, o, nw);
				g_free(o), g_free(nw);
			}
			if (col == 0) {
				if (prev_new >= 0 && v < prev_new) {
					char *o = fig_money(v, false), *pv = fig_money(prev_new, false);
					diag_emit(r->dc, DIAG_AWARD_ORDER, ppos, n, o, prev_n, pv);
					g_free(o), g_free(pv);
					ok = false;
				}
				prev_new = v;
				prev_n = n;
			}
			char *txt = salary_attr(v);
			g_string_append_printf(nv, "%s%s", col ? " " : "", txt);
			g_free(txt);
			char *o = fig_money(old, false), *nw = fig_money(v, false), *pct = change_pct(old, v);
			g_string_append_printf(line, "%s%s \xe2\x86\x92 %s (%s)", col ? ", " : "", o, nw, pct);
			g_free(o), g_free(nw), g_free(pct);
			changed |= v != old;
			col++;
		}
		g_strfreev(parts);
		if (changed) {
			g_string_append_printf(lines, "  %s %d: %s\n", label, n, line->str);
			g_ptr_array_add(nodes, p);
			g_ptr_array_add(values, g_string_free(nv, FALSE));
		} else {
			unchanged++;
			g_string_free(nv, TRUE);
		}
		g_string_free(line, TRUE);
	}
	g_string_append_printf(r->sum, "Scale %s: %u point%s changed, %d unchanged\n", id, nodes->len,
			       nodes->len == 1 ? "" : "s", unchanged);
	g_string_append(r->sum, lines->str);
	GString *missing = g_string_new(NULL);
	for (guint i = 0; i < a->flats->len; i++) {
		const flat_rule *f = &g_array_index(a->flats, flat_rule, i);
		if (!g_hash_table_contains(present, GINT_TO_POINTER(f->point)))
			g_string_append_printf(missing, "%s%d", missing->len ? ", " : "", f->point);
	}
	if (missing->len)
		g_string_append_printf(r->sum, "  (the award's flat values for %s %s are not used: scale %s has no such points)\n",
				       label, missing->str, id);
	g_string_free(missing, TRUE);
	if (ok) {
		for (guint i = 0; i < nodes->len; i++)
			xmlSetProp(g_ptr_array_index(nodes, i), (const xmlChar *)"salary",
				   (const xmlChar *)g_ptr_array_index(values, i));
		r->changed += (int)nodes->len;
	}
	g_hash_table_destroy(present);
	g_string_free(lines, TRUE);
	g_ptr_array_free(nodes, TRUE);
	g_ptr_array_free(values, TRUE);
	g_free(label);
	return ok;
}

/* What the award does not touch, for the person to update. */
static void by_hand(roll *r, xmlNodePtr pay)
{
	GString *s = r->sum;
	g_string_append(s, "Not changed; update by hand:\n");
	g_string_append(s, "  - <dates>: publication, approval and effective dates, and the status (draft)\n");
	for (xmlNodePtr c = pay ? pay->children : NULL; c; c = c->next) {
		if (is(c, "scale") && child(c, "column")) {
			char *id = prop(c, "id");
			g_string_append_printf(s, "  - <column> headings of scale %s (they name the date of the salaries)\n", id);
			g_free(id);
		}
	}
	int posts = 0;
	for (xmlNodePtr c = pay ? pay->children : NULL; c; c = c->next)
		posts += is(c, "post");
	if (posts)
		g_string_append_printf(s, "  - %d <post> element%s: points and holders' salaries follow their own (JNC) awards\n",
				       posts, posts == 1 ? "" : "s");
	xmlNodePtr lp = child(pay, "lowest-paid");
	if (lp && xmlHasProp(lp, (const xmlChar *)"salary"))
		g_string_append(s, "  - <lowest-paid salary=…>: it is a fixed amount, not a point on a scale\n");
	xmlNodePtr wf = child(pay, "workforce");
	if (wf)
		g_string_append(s, "  - <workforce>: the snapshot date and the data (CSV, employees or stated median)\n");
	g_string_append(s, "  - any amount written in the text of sections and appendices\n");
}

int rollover_run(const char *statement_path, const char *award_path, const char *out_path, GString *summary,
		 diag_ctx *dc)
{
	int errors_before = dc->nerrors;
	roll r = {
		.dc = dc,
		.stmt_file = statement_path,
		.award_file = award_path,
		.sum = summary,
		.awards = g_ptr_array_new_with_free_func(award_free),
		.hours_x100 = 3700,
		.weeks_x1000 = 52143,
	};
	xmlDocPtr st = xml_parse_safely(statement_path, dc);
	xmlDocPtr aw = xml_parse_safely(award_path, dc);
	int rc = 1;
	if (!st || !aw)
		goto out;

	xmlNodePtr aroot = xmlDocGetRootElement(aw);
	if (is(aroot, "award")) {
		read_award(&r, aroot);
	} else if (is(aroot, "awards")) {
		for (xmlNodePtr c = aroot->children; c; c = c->next)
			if (is(c, "award"))
				read_award(&r, c);
			else if (c->type == XML_ELEMENT_NODE)
				award_error(&r, c, "<%s> is not allowed in <awards>; it holds <award> elements",
					    (const char *)c->name);
	} else {
		award_error(&r, aroot, "the root element is <%s>; an award file starts with <award scale=\"ID\" effective=\"YYYY-MM-DD\">",
			    aroot ? (const char *)aroot->name : "");
	}
	/* Problems in the award do not stop the walk over the statement, so that
	 * every problem is reported at once; nothing is written after any. */
	int after_award = dc->nerrors;
	xmlNodePtr root = xmlDocGetRootElement(st);
	if (!is(root, "statement")) {
		diag_emit(dc, DIAG_XML_ROOT, npos(statement_path, root), root ? (const char *)root->name : "");
		goto out;
	}
	xmlNodePtr pay = child(root, "pay"), year = child(root, "year");
	if (pay) {
		r.hours_x100 = (int32_t)parse_int_prop(pay, "hours", 3700, 2);
		r.weeks_x1000 = (int32_t)parse_int_prop(pay, "weeks", 52143, 3);
		if (r.hours_x100 <= 0)
			r.hours_x100 = 3700;
		if (r.weeks_x1000 <= 0)
			r.weeks_x1000 = 52143;
	}
	int64_t y = year ? parse_int_prop(year, "start", 0, 0) : 0;
	if (y < 2000 || y > 2199) {
		char *v = year ? prop(year, "start") : NULL;
		diag_emit(dc, DIAG_BAD_NUMBER, npos(statement_path, year ? year : root), v ? v : "", "year",
			  "<year start=\"2018\"/> (for 2018-19)");
		g_free(v);
	}
	if (dc->nerrors > after_award)
		goto out;

	g_string_append_printf(summary, "Rollover of %s with %s\n", statement_path, award_path);
	g_string_append_printf(summary, "Year: %lld-%02lld \xe2\x86\x92 %lld-%02lld\n", (long long)y,
			       (long long)((y + 1) % 100), (long long)(y + 1), (long long)((y + 2) % 100));
	for (guint i = 0; i < r.awards->len; i++) {
		award *a = g_ptr_array_index(r.awards, i);
		if (a->effective)
			g_string_append_printf(summary, "Award effective %s\n", a->effective);
		for (gchar **id = a->scales; *id; id++) {
			if (!**id)
				continue;
			xmlNodePtr sc = NULL;
			for (xmlNodePtr c = pay ? pay->children : NULL; c && !sc; c = c->next) {
				char *cid = is(c, "scale") ? prop(c, "id") : NULL;
				if (cid && !strcmp(cid, *id))
					sc = c;
				g_free(cid);
			}
			if (!sc)
				diag_emit(dc, DIAG_UNKNOWN_REF, a->pos, "scale", *id);
			else
				apply_scale(&r, a, sc, *id);
		}
	}
	by_hand(&r, pay);
	if (dc->nerrors > errors_before)
		goto out;

	char *ys = g_strdup_printf("%lld", (long long)(y + 1));
	xmlSetProp(year, (const xmlChar *)"start", (const xmlChar *)ys);
	g_free(ys);
	xmlChar *mem = NULL;
	int size = 0;
	xmlDocDumpFormatMemoryEnc(st, &mem, &size, "UTF-8", 0);
	GError *err = NULL;
	if (!mem || !g_file_set_contents(out_path, (const char *)mem, size, &err)) {
		diag_emit_file(dc, DIAG_OUTPUT, NULL, 0, 0, out_path, err ? err->message : "out of memory");
		if (err)
			g_error_free(err);
	} else {
		g_string_append_printf(summary, "Wrote %s: %d point%s changed.\n", out_path, r.changed,
				       r.changed == 1 ? "" : "s");
		rc = 0;
	}
	xmlFree(mem);
out:
	if (st)
		xmlFreeDoc(st);
	if (aw)
		xmlFreeDoc(aw);
	g_ptr_array_free(r.awards, TRUE);
	return rc;
}
