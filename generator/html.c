/* html.c — writes the statement as one self-contained, accessible HTML page
 * (html.h): real headings, lists and tables with th/scope, the same computed
 * figures and labels as the PDF (layout.c), inline screen and print CSS, and
 * for the bilingual file each block in both languages with its own lang and a
 * language switch.  Knows nothing about Pango; the open data CSVs are in
 * opendata.c.
 *
 * One language's file: every element is in that language unless a text is
 * missing there and falls back to another, which then carries its own lang.
 * The bilingual file: <html lang> is the first language; prose blocks are
 * pairs (<div class="pair"><div lang="cy">…</div><div lang="en-GB">…</div>),
 * headings and the wide generated tables (pay scales, gender pay gap) are one
 * element whose words are <span lang> per language.  The switch adds
 * body.show-cy / body.show-en, which hide the other language with CSS; it is
 * `hidden` until the script runs, so without JavaScript both languages show.
 *
 * Output is deterministic: nothing comes from the clock or the environment. */
#include "html.h"
#include "phrases.h"

#include <math.h>
#include <string.h>

#include "chart.h"
#include "rules.h"

typedef struct {
	const pps_doc *d;
	const pps_figures *f;
	const pps_template *t;
	pps_lang langs[LANG_N]; /* the file's languages, reading order */
	int nl;
	bool bi;                /* the bilingual file */
	pps_lang lang;          /* language being written */
	pps_lang ctx;           /* language in force from the enclosing element */
	const char *appendix;   /* only this appendix, or NULL */
	bool public_only;
	GString *o;
	arena *a;               /* scratch for this call */
	int ntables;            /* for caption ids */
	int ncharts;            /* for the ids inside each chart's SVG */
} H;

/* ---- Escaping -------------------------------------------------------- */

/* Text or attribute value: the five characters HTML gives meaning to. */
static void esc(GString *o, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '&': g_string_append(o, "&amp;"); break;
		case '<': g_string_append(o, "&lt;"); break;
		case '>': g_string_append(o, "&gt;"); break;
		case '"': g_string_append(o, "&quot;"); break;
		case '\'': g_string_append(o, "&#39;"); break;
		default: g_string_append_c(o, *p);
		}
	}
}

static void put(H *h, const char *s) { g_string_append(h->o, s); }
static void put_esc(H *h, const char *s) { esc(h->o, s); }

/* ` name="value"`, escaped; nothing when value is NULL. */
static void attr(H *h, const char *name, const char *value)
{
	if (!value)
		return;
	g_string_append_printf(h->o, " %s=\"", name);
	esc(h->o, value);
	g_string_append_c(h->o, '"');
}

/* ` lang="…"` when l differs from the language in force. */
static void lang_attr(H *h, pps_lang l)
{
	if (l != h->ctx)
		attr(h, "lang", tpl_lang_tag(l));
}

/* Links the page may carry: web, mail and phone addresses and relative ones.
 * Anything else (javascript:, data:, file:) prints as plain text. */
static bool safe_href(const char *u)
{
	if (!u || !*u)
		return false;
	static const char *const ok[] = {"http://", "https://", "mailto:", "tel:"};
	for (size_t i = 0; i < G_N_ELEMENTS(ok); i++)
		if (g_ascii_strncasecmp(u, ok[i], strlen(ok[i])) == 0)
			return true;
	/* Relative: no scheme before the first '/', '?' or '#'. */
	size_t n = strcspn(u, ":/?#");
	return u[n] != ':';
}

/* ---- Text ------------------------------------------------------------ */

/* The text of m in l, else in another language; *used says which. */
static const pps_text *ml_in(const H *h, const pps_ml *m, pps_lang l, pps_lang *used)
{
	if (ml_has(m, l)) {
		*used = l;
		return &m->tx[l];
	}
	for (int i = 0; i < h->d->nlangs; i++)
		if (ml_has(m, h->d->langs[i])) {
			*used = h->d->langs[i];
			return &m->tx[h->d->langs[i]];
		}
	for (int i = 0; i < LANG_N; i++)
		if (ml_has(m, (pps_lang)i)) {
			*used = (pps_lang)i;
			return &m->tx[i];
		}
	*used = l;
	return NULL;
}

static bool ml_any(const pps_ml *m) { return m->tx[LANG_EN].n > 0 || m->tx[LANG_CY].n > 0; }

/* "Appendix A" / "section 3" in l (arena). */
static const char *ref_label(H *h, const pps_section *s, pps_lang l)
{
	char *txt = s->letter ? tpl_format(h->t, l, "appendix", "letter", s->letter, NULL)
			      : tpl_format(h->t, l, "section-ref", "number", s->number ? s->number : "?", NULL);
	const char *r = arena_strdup(h->a, txt);
	g_free(txt);
	return r;
}

/* Plain text with figures and references resolved (arena). */
static const char *plain(H *h, const pps_text *t, pps_lang l)
{
	if (!t)
		return "";
	GString *s = g_string_new(NULL);
	for (int i = 0; i < t->n; i++) {
		const pps_run *r = &t->runs[i];
		switch (r->kind) {
		case RUN_TEXT: g_string_append(s, r->text); break;
		case RUN_BREAK: g_string_append_c(s, ' '); break;
		case RUN_FIG: {
			const pps_figure *fg = fig_get(h->f, r->ref);
			g_string_append(s, fg ? fg->display : r->ref);
			break;
		}
		case RUN_REF: {
			const pps_section *sec = model_section(h->d, r->ref);
			g_string_append(s, sec ? ref_label(h, sec, l) : r->ref);
			break;
		}
		}
	}
	const char *out = arena_strdup(h->a, s->str);
	g_string_free(s, TRUE);
	return out;
}

static const char *ml_plain(H *h, const pps_ml *m, pps_lang l)
{
	pps_lang used;
	const pps_text *t = ml_in(h, m, l, &used);
	return plain(h, t, used);
}

/* Inline runs: <strong>, <em>, <sup>, <br>, and links (a run's href, or a
 * reference to a section or appendix), adjacent runs to the same place
 * merged into one link.  Written in language l. */
static void put_runs(H *h, const pps_text *t, pps_lang l)
{
	if (!t)
		return;
	const char *open = NULL; /* href of the open <a> */
	for (int i = 0; i < t->n; i++) {
		const pps_run *r = &t->runs[i];
		const char *href = NULL;
		const pps_section *sec = NULL;
		if (r->kind == RUN_REF && (sec = model_section(h->d, r->ref)) != NULL)
			href = arena_printf(h->a, "#%s", sec->id);
		else if (r->kind != RUN_BREAK && safe_href(r->href))
			href = r->href;
		if (open && (!href || strcmp(open, href) != 0)) {
			put(h, "</a>");
			open = NULL;
		}
		if (href && !open) {
			put(h, "<a");
			attr(h, "href", href);
			put(h, ">");
			open = href;
		}
		if (r->style & RUN_BOLD)
			put(h, "<strong>");
		if (r->style & RUN_ITALIC)
			put(h, "<em>");
		if (r->style & RUN_SUP)
			put(h, "<sup>");
		switch (r->kind) {
		case RUN_TEXT: put_esc(h, r->text); break;
		case RUN_BREAK: put(h, "<br>"); break;
		case RUN_FIG: {
			const pps_figure *fg = fig_get(h->f, r->ref);
			put_esc(h, fg ? fg->display : r->ref);
			break;
		}
		case RUN_REF: put_esc(h, sec ? ref_label(h, sec, l) : r->ref); break;
		}
		if (r->style & RUN_SUP)
			put(h, "</sup>");
		if (r->style & RUN_ITALIC)
			put(h, "</em>");
		if (r->style & RUN_BOLD)
			put(h, "</strong>");
	}
	if (open)
		put(h, "</a>");
}

/* m's inline text in the current language; a fallback language gets a span
 * with its own lang. */
static void put_ml(H *h, const pps_ml *m)
{
	pps_lang used;
	const pps_text *t = ml_in(h, m, h->lang, &used);
	if (!t)
		return;
	if (used != h->ctx) {
		put(h, "<span");
		lang_attr(h, used);
		put(h, ">");
		put_runs(h, t, used);
		put(h, "</span>");
	} else {
		put_runs(h, t, used);
	}
}

/* <tag class id lang>m</tag>: the element itself takes a fallback's lang. */
static void put_ml_el(H *h, const char *tag, const char *cls, const char *id, const pps_ml *m)
{
	pps_lang used;
	const pps_text *t = ml_in(h, m, h->lang, &used);
	if (!t)
		return;
	g_string_append_printf(h->o, "<%s", tag);
	attr(h, "class", cls);
	attr(h, "id", id);
	lang_attr(h, used);
	put(h, ">");
	pps_lang save = h->ctx;
	h->ctx = used;
	put_runs(h, t, used);
	h->ctx = save;
	g_string_append_printf(h->o, "</%s>\n", tag);
}

/* A string in language l, as one span per language in the bilingual file's
 * shared elements. */
static void put_str_l(H *h, const char *s, pps_lang l)
{
	if (l != h->ctx) {
		put(h, "<span");
		lang_attr(h, l);
		put(h, ">");
		put_esc(h, s);
		put(h, "</span>");
	} else {
		put_esc(h, s);
	}
}

/* Shared elements (bilingual headings, wide tables): one span per language,
 * with a " / " between that hides with the switch; `sep` false for block
 * layouts (headings) where each language has its own line or column. */
typedef const char *(*str_fn)(H *h, const void *arg, pps_lang l);

static void put_shared(H *h, str_fn fn, const void *arg, bool sep)
{
	if (!h->bi) {
		put_esc(h, fn(h, arg, h->lang));
		return;
	}
	const char *str[LANG_N];
	int n = 0;
	for (int i = 0; i < h->nl; i++) {
		str[i] = fn(h, arg, h->langs[i]);
		n += str[i] && *str[i];
	}
	/* The same words in both ("APT&C", "SCP"): once, in no language. */
	if (n == h->nl && n == 2 && strcmp(str[0], str[1]) == 0) {
		put_esc(h, str[0]);
		return;
	}
	bool first = true;
	for (int i = 0; i < h->nl; i++) {
		const char *s = str[i];
		if (!s || !*s)
			continue;
		if (!first)
			put(h, sep ? "<span class=\"sep\" aria-hidden=\"true\"> / </span>" : " ");
		put(h, "<span");
		attr(h, "lang", tpl_lang_tag(h->langs[i]));
		/* Words in one language only stay when the switch hides it: a gap
		 * in the translation must not empty a heading. */
		if (n == 1)
			put(h, " data-keep");
		put(h, ">");
		put_esc(h, s);
		put(h, "</span>");
		first = false;
	}
}

static const char *label_fn(H *h, const void *id, pps_lang l) { return tpl_label(h->t, l, id); }
static void put_label(H *h, const char *id) { put_shared(h, label_fn, id, true); }

/* A model text as a shared element: each language's own text only (no
 * fallback, which would print the same words twice). */
static const char *mltext_fn(H *h, const void *m, pps_lang l)
{
	const pps_ml *ml = m;
	if (h->bi)
		return ml_has(ml, l) ? plain(h, &ml->tx[l], l) : NULL;
	return ml_plain(h, ml, l);
}

static void put_ml_shared(H *h, const pps_ml *m)
{
	if (!h->bi) {
		put_ml(h, m);
		return;
	}
	put_shared(h, mltext_fn, m, true);
}

/* A g_malloc'd string per language, shared: fn returns it, we free it. */
typedef char *(*fmt_fn)(H *h, const void *arg, pps_lang l);
typedef struct {
	fmt_fn fn;
	const void *arg;
} fmt_arg;

static const char *fmt_call(H *h, const void *a, pps_lang l)
{
	const fmt_arg *fa = a;
	char *s = fa->fn(h, fa->arg, l);
	const char *r = arena_strdup(h->a, s ? s : "");
	g_free(s);
	return r;
}

static void put_fmt_shared(H *h, fmt_fn fn, const void *arg, bool sep)
{
	fmt_arg fa = {fn, arg};
	put_shared(h, fmt_call, &fa, sep);
}

/* A note under a shared table: one <p> per language, side by side in the
 * bilingual file (sentences are not run together with " / "). */
static void note_fmt(H *h, fmt_fn fn, const void *arg)
{
	if (!h->bi) {
		char *s = fn(h, arg, h->lang);
		put(h, "<p class=\"note\">");
		put_esc(h, s);
		put(h, "</p>\n");
		g_free(s);
		return;
	}
	put(h, "<div class=\"pair\">\n");
	for (int i = 0; i < h->nl; i++) {
		char *s = fn(h, arg, h->langs[i]);
		put(h, "<p class=\"note\"");
		attr(h, "lang", tpl_lang_tag(h->langs[i]));
		put(h, ">");
		put_esc(h, s);
		put(h, "</p>\n");
		g_free(s);
	}
	put(h, "</div>\n");
}

static void note_ml(H *h, const pps_ml *m)
{
	int n = 0;
	for (int i = 0; i < h->nl; i++)
		n += ml_has(m, h->langs[i]);
	if (!h->bi) {
		put_ml_el(h, "p", "note", NULL, m);
		return;
	}
	if (n < 2) {
		/* One language only: kept whichever language is chosen. */
		pps_lang used, save = h->ctx;
		ml_in(h, m, h->lang, &used);
		put(h, "<div data-keep");
		attr(h, "lang", tpl_lang_tag(used));
		put(h, ">\n");
		h->ctx = used;
		put_ml_el(h, "p", "note", NULL, m);
		h->ctx = save;
		put(h, "</div>\n");
		return;
	}
	put(h, "<div class=\"pair\">\n");
	pps_lang save = h->lang;
	for (int i = 0; i < h->nl; i++) {
		h->lang = h->langs[i];
		put_ml_el(h, "p", "note", NULL, m);
	}
	h->lang = save;
	put(h, "</div>\n");
}

/* Upper-cases the first letter of a g_malloc'd sentence built from a label
 * whose first word is a placeholder ("{top} wedi'i rannu â {base}."). */
/* ---- Tables ---------------------------------------------------------- */

/* Opens the scrolling wrapper, <table> and its <caption>; the caption's words
 * come from cap_fn (written in place). */
typedef void (*put_fn)(H *h, const void *arg);

static void table_begin(H *h, const char *id, put_fn cap_fn, const void *cap_arg, const char *cls)
{
	int n = ++h->ntables;
	/* Wide tables scroll sideways on small screens: the wrapper is a named,
	 * focusable region so keyboard users can scroll it too. */
	g_string_append_printf(h->o, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"pps-t%d\">\n", n);
	put(h, "<table");
	attr(h, "id", id);
	attr(h, "class", cls);
	put(h, ">\n");
	g_string_append_printf(h->o, "<caption id=\"pps-t%d\">", n);
	cap_fn(h, cap_arg);
	put(h, "</caption>\n");
}

static void table_end(H *h) { put(h, "</tbody>\n</table>\n</div>\n"); }

static void th_col(H *h, bool num) { put(h, num ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">"); }
static void th_row(H *h, bool num) { put(h, num ? "<th scope=\"row\" class=\"num\">" : "<th scope=\"row\">"); }
static void td(H *h, bool num) { put(h, num ? "<td class=\"num\">" : "<td>"); }

static void cap_label(H *h, const void *id) { put_label(h, id); }
static void cap_ml(H *h, const void *m) { put_ml_shared(h, m); }

/* A literal <table>: head rows are column headings, the first cell of each
 * body row its row heading. */
static void literal_table(H *h, const pps_block *b, const char *id, const pps_ml *fallback_cap)
{
	const pps_table *t = b->table;
	const pps_ml *cap = ml_any(&t->caption) ? &t->caption : fallback_cap;
	table_begin(h, id, cap_ml, cap, NULL);
	if (t->nhead) {
		put(h, "<thead>\n");
		for (int r = 0; r < t->nhead; r++) {
			put(h, "<tr>");
			for (int c = 0; c < t->ncols; c++) {
				th_col(h, t->align && t->align[c] == 'r');
				if (c < t->head[r].n)
					put_ml(h, &t->head[r].cells[c].text);
				put(h, "</th>");
			}
			put(h, "</tr>\n");
		}
		put(h, "</thead>\n");
	}
	put(h, "<tbody>\n");
	for (int r = 0; r < t->nbody; r++) {
		const pps_row *row = &t->body[r];
		put(h, "<tr>");
		for (int c = 0; c < t->ncols; c++) {
			bool num = t->align && t->align[c] == 'r';
			if (c == 0)
				th_row(h, num);
			else
				td(h, num);
			if (c < row->n)
				put_ml(h, &row->cells[c].text);
			put(h, c == 0 ? "</th>" : "</td>");
		}
		put(h, "</tr>\n");
	}
	table_end(h);
}

/* Column headings in two lines, as the PDF sets them: a name ("Basic", a
 * supplement's or a salary column's own) over a unit ("Salary (£)").  In the
 * bilingual file each line holds both languages ("Sylfaenol / Basic"). */
static void put_colhead(H *h, const pps_ml *name, const char *label, const char *unit, bool num)
{
	th_col(h, num);
	if (unit)
		put(h, "<span class=\"l1\">");
	if (name && ml_any(name))
		put_ml_shared(h, name);
	else
		put_label(h, label);
	if (unit) {
		put(h, "</span> <span class=\"l2\">");
		put_label(h, unit);
		put(h, "</span>");
	}
	put(h, "</th>");
}

/* A heading cell of a two-level head, with the id its data cells name in
 * headers= (WCAG technique H43: scope alone does not tie a cell to both of
 * its column headings). */
static void th_head(H *h, const char *scope, bool num, int colspan, int rowspan, int table, const char *id)
{
	g_string_append_printf(h->o, "<th scope=\"%s\"%s", scope, num ? " class=\"num\"" : "");
	if (colspan > 1)
		g_string_append_printf(h->o, " colspan=\"%d\"", colspan);
	if (rowspan > 1)
		g_string_append_printf(h->o, " rowspan=\"%d\"", rowspan);
	g_string_append_printf(h->o, " id=\"pps-t%d-%s\">", table, id);
}

/* A data cell under headings: its row's (grade, point), its pay's and its
 * unit's: headers="pps-t3-g9 pps-t3-r9 pps-t3-p1 pps-t3-p1s". */
static void td_headers(H *h, bool num, int table, int row, bool graded, const char *col, const char *sub)
{
	g_string_append_printf(h->o, "<td%s headers=\"", num ? " class=\"num\"" : "");
	if (graded)
		g_string_append_printf(h->o, "pps-t%d-g%d ", table, row);
	g_string_append_printf(h->o, "pps-t%d-r%d pps-t%d-%s", table, row, table, col);
	if (sub)
		g_string_append_printf(h->o, " pps-t%d-%s", table, sub);
	put(h, "\">");
}

static char *grade_fn(H *h, const void *arg, pps_lang l)
{
	const pps_grade *g = arg;
	if (ml_any(&g->name))
		return h->bi ? (ml_has(&g->name, l) ? g_strdup(plain(h, &g->name.tx[l], l)) : NULL)
			     : g_strdup(ml_plain(h, &g->name, l));
	return tpl_format(h->t, l, "grade-default", "id", g->id, NULL);
}

static void put_money_cell(H *h, int64_t pence, const char *mark)
{
	char *m = fig_pounds(pence);
	td(h, true);
	put_esc(h, m);
	if (mark)
		put_esc(h, mark);
	put(h, "</td>");
	g_free(m);
}

static void put_rate_cell(H *h, int64_t rate_e4)
{
	char *r = fig_rate(rate_e4);
	td(h, true);
	put_esc(h, r);
	put(h, "</td>");
	g_free(r);
}

typedef struct {
	const char *hours, *weeks;
} rates_note_arg;

static char *rates_note_fn(H *h, const void *arg, pps_lang l)
{
	const rates_note_arg *a = arg;
	return tpl_format(h->t, l, "scale-rates-note", "hours", a->hours, "weeks", a->weeks, NULL);
}

static void scale_notes(H *h, const pps_scale *s);

/* The pay scale with hourly rates, as the PDF sets it: each pay (the salary
 * column's own name, each supplement) over its Salary and Hourly rate.  Every
 * data cell names its three headings: the point, the pay and the unit. */
static void scale_table_two_level(H *h, const pps_scale *s, const pps_scale_fig *sf, const pps_ml *cap,
				  const char *id, bool grades, bool scores)
{
	table_begin(h, id, cap_ml, cap, "scale");
	int t = h->ntables;
	put(h, "<thead>\n<tr>");
	if (grades) {
		th_head(h, "col", false, 1, 2, t, "grade");
		put_label(h, "col-grade");
		put(h, "</th>");
	}
	if (scores) {
		th_head(h, "col", true, 1, 2, t, "score");
		put_label(h, "col-score");
		put(h, "</th>");
	}
	th_head(h, "col", true, 1, 2, t, "point");
	if (ml_any(&s->point_label))
		put_ml_shared(h, &s->point_label);
	else
		put_label(h, "col-point");
	put(h, "</th>");
	for (int k = -1; k < s->nsupps; k++) {
		char cid[24];
		g_snprintf(cid, sizeof cid, "p%d", k + 1);
		th_head(h, "colgroup", true, 2, 1, t, cid);
		const pps_ml *name = k < 0 ? (s->col_names && ml_any(&s->col_names[0]) ? &s->col_names[0] : NULL)
					   : &s->supps[k]->name;
		if (name)
			put_ml_shared(h, name);
		else
			put_label(h, "col-basic");
		put(h, "</th>");
	}
	for (int k = 0; k < s->nextra; k++) {
		char cid[24];
		g_snprintf(cid, sizeof cid, "x%d", k);
		th_head(h, "col", false, 1, 2, t, cid);
		put_ml_shared(h, &s->extra_names[k]);
		put(h, "</th>");
	}
	put(h, "</tr>\n<tr>");
	for (int k = -1; k < s->nsupps; k++) {
		char cid[24];
		g_snprintf(cid, sizeof cid, "p%ds", k + 1);
		th_head(h, "col", true, 1, 1, t, cid);
		put_label(h, "col-salary");
		put(h, "</th>");
		g_snprintf(cid, sizeof cid, "p%dh", k + 1);
		th_head(h, "col", true, 1, 1, t, cid);
		put_label(h, "col-hourly");
		put(h, "</th>");
	}
	put(h, "</tr>\n</thead>\n<tbody>\n");

	const pps_grade *prev = NULL;
	for (int i = 0; i < s->npoints; i++) {
		const pps_point *pt = &s->points[i];
		const pps_point_fig *pf = sf ? &sf->pts[i] : NULL;
		const pps_grade *gr = NULL;
		for (int k = 0; k < s->ngrades; k++)
			if (pt->n >= s->grades[k].from && pt->n <= s->grades[k].to)
				gr = &s->grades[k];
		put(h, gr != prev && i > 0 ? "<tr class=\"group\">" : "<tr>");
		prev = gr;
		if (grades) {
			if (gr) {
				g_string_append_printf(h->o, "<th scope=\"row\" id=\"pps-t%d-g%d\" headers=\"pps-t%d-grade\">", t,
						       pt->n, t);
				put_fmt_shared(h, grade_fn, gr, true);
				put(h, "</th>");
			} else {
				g_string_append_printf(h->o, "<td headers=\"pps-t%d-grade\"></td>", t);
			}
		}
		if (scores) {
			td_headers(h, true, t, pt->n, gr != NULL, "score", NULL);
			if (gr && gr->score_to)
				g_string_append_printf(h->o, "%d–%d", gr->score_from, gr->score_to);
			put(h, "</td>");
		}
		g_string_append_printf(h->o, "<th scope=\"row\" class=\"num\" id=\"pps-t%d-r%d\" headers=\"pps-t%d-point\">%d</th>",
				       t, pt->n, t, pt->n);
		for (int k = -1; k < s->nsupps; k++) {
			char cid[24], sal[24], hr[24];
			g_snprintf(cid, sizeof cid, "p%d", k + 1);
			g_snprintf(sal, sizeof sal, "p%ds", k + 1);
			g_snprintf(hr, sizeof hr, "p%dh", k + 1);
			char *m = !pf && k >= 0 ? NULL : fig_pounds(k < 0 ? pt->salary[0] : pf->supp[k]);
			td_headers(h, true, t, pt->n, gr != NULL, cid, sal);
			if (m)
				put_esc(h, m);
			if (m && k < 0 && pt->mark)
				put_esc(h, pt->mark);
			put(h, "</td>");
			g_free(m);
			char *r = pf ? fig_rate(k < 0 ? pf->rate_e4 : pf->supp_rate_e4[k]) : NULL;
			td_headers(h, true, t, pt->n, gr != NULL, cid, hr);
			if (r)
				put_esc(h, r);
			put(h, "</td>");
			g_free(r);
		}
		for (int k = 0; k < s->nextra; k++) {
			char cid[24];
			g_snprintf(cid, sizeof cid, "x%d", k);
			td_headers(h, false, t, pt->n, gr != NULL, cid, NULL);
			put_esc(h, pt->extra[k] ? pt->extra[k] : "");
			put(h, "</td>");
		}
		put(h, "</tr>\n");
	}
	table_end(h);
	scale_notes(h, s);
}

/* The pay scale: the same columns as the PDF (grade, score band, point, each
 * salary column, basic hourly rate, each supplement's salary and hourly
 * rate, label columns); the grade and the point are row headings in every
 * row, nothing merged. */
static void scale_table(H *h, const pps_block *b, const char *id, const pps_ml *fallback_cap)
{
	const pps_scale *s = model_scale(h->d, b->ref);
	if (!s)
		return;
	int idx = (int)(s - h->d->scales);
	const pps_scale_fig *sf = idx < h->f->nscales ? &h->f->scales[idx] : NULL;
	bool scores = false;
	for (int i = 0; i < s->ngrades; i++)
		scores |= s->grades[i].score_to > 0;
	bool grades = s->ngrades > 0;

	const pps_ml *cap = ml_any(&b->caption) ? &b->caption : ml_any(&s->name) ? &s->name : fallback_cap;
	if (s->rates && s->ncols == 1) {
		scale_table_two_level(h, s, sf, cap, id, grades, scores);
		return;
	}
	table_begin(h, id, cap_ml, cap, "scale");
	put(h, "<thead>\n<tr>");
	if (grades)
		put_colhead(h, NULL, "col-grade", NULL, false);
	if (scores)
		put_colhead(h, NULL, "col-score", NULL, true);
	put_colhead(h, ml_any(&s->point_label) ? &s->point_label : NULL, "col-point", NULL, true);
	for (int k = 0; k < s->ncols; k++)
		put_colhead(h, s->col_names && ml_any(&s->col_names[k]) ? &s->col_names[k] : NULL, "col-basic",
			    "col-salary", true);
	if (s->rates) {
		put_colhead(h, NULL, "col-basic", "col-hourly", true);
		for (int k = 0; k < s->nsupps; k++) {
			put_colhead(h, &s->supps[k]->name, "col-basic", "col-salary", true);
			put_colhead(h, &s->supps[k]->name, "col-basic", "col-hourly", true);
		}
	}
	for (int k = 0; k < s->nextra; k++)
		put_colhead(h, &s->extra_names[k], "col-basic", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");

	const pps_grade *prev = NULL;
	for (int i = 0; i < s->npoints; i++) {
		const pps_point *pt = &s->points[i];
		const pps_point_fig *pf = sf ? &sf->pts[i] : NULL;
		const pps_grade *gr = NULL;
		for (int k = 0; k < s->ngrades; k++)
			if (pt->n >= s->grades[k].from && pt->n <= s->grades[k].to)
				gr = &s->grades[k];
		put(h, gr != prev && i > 0 ? "<tr class=\"group\">" : "<tr>");
		prev = gr;
		if (grades) {
			if (gr) {
				th_row(h, false);
				put_fmt_shared(h, grade_fn, gr, true);
				put(h, "</th>");
			} else {
				put(h, "<td></td>");
			}
		}
		if (scores) {
			td(h, true);
			if (gr && gr->score_to)
				g_string_append_printf(h->o, "%d–%d", gr->score_from, gr->score_to);
			put(h, "</td>");
		}
		th_row(h, true);
		g_string_append_printf(h->o, "%d</th>", pt->n);
		for (int k = 0; k < s->ncols; k++)
			put_money_cell(h, pt->salary[k], pt->mark);
		if (s->rates) {
			if (pf) {
				put_rate_cell(h, pf->rate_e4);
				for (int k = 0; k < s->nsupps; k++) {
					put_money_cell(h, pf->supp[k], NULL);
					put_rate_cell(h, pf->supp_rate_e4[k]);
				}
			} else {
				for (int k = 0; k < 1 + 2 * s->nsupps; k++)
					put(h, "<td></td>");
			}
		}
		for (int k = 0; k < s->nextra; k++) {
			put(h, "<td>");
			put_esc(h, pt->extra[k] ? pt->extra[k] : "");
			put(h, "</td>");
		}
		put(h, "</tr>\n");
	}
	table_end(h);
	scale_notes(h, s);
}

/* A scale's own notes, then how its hourly rates are worked out. */
static void scale_notes(H *h, const pps_scale *s)
{
	if (ml_any(&s->notes))
		note_ml(h, &s->notes);
	if (s->rates) {
		char hours[16], weeks[16];
		g_snprintf(hours, sizeof hours, "%g", (s->hours_x100 > 0 ? s->hours_x100 : h->d->hours_x100) / 100.0);
		g_snprintf(weeks, sizeof weeks, "%g", h->d->weeks_x1000 / 1000.0);
		rates_note_arg ra = {hours, weeks};
		note_fmt(h, rates_note_fn, &ra);
	}
}

/* Chief officer posts: title (row heading), grade when any post has one,
 * number of posts, each incremental point. */
static void posts_table(H *h, const pps_block *b, const char *id)
{
	const pps_doc *d = h->d;
	int maxp = 0;
	bool grade = false;
	for (int i = 0; i < d->nposts; i++) {
		maxp = MAX(maxp, d->posts[i].npoints);
		grade |= ml_any(&d->posts[i].grade);
	}
	if (ml_any(&b->caption))
		table_begin(h, id, cap_ml, &b->caption, "posts");
	else
		table_begin(h, id, cap_label, "chart-chief-officers", "posts");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-post", NULL, false);
	if (grade)
		put_colhead(h, NULL, "col-grade", NULL, false);
	put_colhead(h, NULL, "col-posts", NULL, true);
	for (int k = 0; k < maxp; k++) {
		char n[16];
		g_snprintf(n, sizeof n, "%d", k + 1);
		char *t = tpl_format(h->t, h->lang, "col-increment", "n", n, NULL);
		th_col(h, true);
		put_esc(h, t);
		put(h, " (£)</th>");
		g_free(t);
	}
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i];
		put(h, "<tr>");
		th_row(h, false);
		put_ml(h, &p->title);
		put(h, "</th>");
		if (grade) {
			td(h, false);
			put_ml(h, &p->grade);
			put(h, "</td>");
		}
		td(h, true);
		g_string_append_printf(h->o, "%d</td>", p->nposts);
		for (int k = 0; k < maxp; k++) {
			if (k < p->npoints)
				put_money_cell(h, p->points[k], NULL);
			else
				put(h, "<td></td>");
		}
		put(h, "</tr>\n");
	}
	table_end(h);
}

/* The declared multiples: label (row heading), ratio, method. */
static void multiples_table(H *h, const pps_block *b, const char *id)
{
	const pps_doc *d = h->d;
	if (!d->nmultiples)
		return;
	if (ml_any(&b->caption))
		table_begin(h, id, cap_ml, &b->caption, "multiples");
	else
		table_begin(h, id, cap_label, "chart-multiples", "multiples");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-multiple", NULL, false);
	put_colhead(h, NULL, "col-ratio", NULL, true);
	put_colhead(h, NULL, "col-method", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int i = 0; i < d->nmultiples; i++) {
		const pps_multiple *m = &d->multiples[i];
		put(h, "<tr>");
		th_row(h, false);
		put_ml(h, &m->label);
		put(h, "</th>");
		const pps_figure *fg = fig_get(h->f, m->id);
		td(h, true);
		put_esc(h, fg ? fg->display : "");
		put(h, "</td><td>");
		if (ml_any(&m->method)) {
			put_ml(h, &m->method);
		} else {
			char *s = phrase_multiple_method(h->d, h->f, h->t, h->lang, m);
			put_esc(h, s);
			g_free(s);
		}
		put(h, "</td></tr>\n");
	}
	table_end(h);
}

static char *pct(double v)
{
	/* Half up at one decimal, away from zero for negatives too (as layout.c). */
	double r = (v >= 0 ? floor(v * 10 + 0.5) : -floor(-v * 10 + 0.5)) / 10;
	return g_strdup_printf("%.1f%%", r);
}

static char *gpg_caption_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	char *date = tpl_date(h->t, l, h->d->workforce.date);
	char *cap = tpl_format(h->t, l, "gpg-caption", "date", date, NULL);
	g_free(date);
	return cap;
}

static void cap_gpg(H *h, const void *arg) { put_fmt_shared(h, gpg_caption_fn, arg, true); }

static char *gpg_note_fn(H *h, const void *arg, pps_lang l)
{
	return tpl_format(h->t, l, "gpg-note", "count", (const char *)arg, NULL);
}

/* Gender pay gap: the mean and median gaps, then the quartiles. */
static void gpg_tables(H *h, const char *id)
{
	const pps_gpg *g = &h->f->gpg;
	if (!g->present)
		return;
	table_begin(h, id, cap_gpg, NULL, "gpg");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-measure", NULL, false);
	put_colhead(h, NULL, "col-value", NULL, true);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	/* The whole workforce, then the chief officers when their genders are given. */
	const pps_gpg *gc = &h->f->gpg_chief;
	const char *ids[4] = {"gpg-mean", "gpg-median", "gpg-chief-mean", "gpg-chief-median"};
	double v[4] = {g->mean_gap, g->median_gap, gc->mean_gap, gc->median_gap};
	for (int i = 0; i < (gc->present ? 4 : 2); i++) {
		put(h, "<tr>");
		th_row(h, false);
		put_label(h, ids[i]);
		put(h, "</th>");
		char *p = pct(v[i]);
		td(h, true);
		put_esc(h, p);
		put(h, "</td></tr>\n");
		g_free(p);
	}
	/* The bonus figures (a gap only when men and women were both paid one). */
	static const char *const bonus_ids[] = {"gpg-bonus-mean", "gpg-bonus-median", "gpg-bonus-men", "gpg-bonus-women"};
	for (int i = g->has_bonus ? (g->bonus_gap ? 0 : 2) : 4; i < 4; i++) {
		put(h, "<tr>");
		th_row(h, false);
		put_label(h, bonus_ids[i]);
		put(h, "</th>");
		td(h, true);
		put_esc(h, fig_get(h->f, bonus_ids[i])->display);
		put(h, "</td></tr>\n");
	}
	table_end(h);

	table_begin(h, NULL, cap_label, "chart-gender-quartiles", "gpg");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-quartile", NULL, false);
	put_colhead(h, NULL, "col-men", NULL, true);
	put_colhead(h, NULL, "col-women", NULL, true);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int q = 0; q < 4; q++) {
		char id[16];
		g_snprintf(id, sizeof id, "quartile-%d", q + 1);
		put(h, "<tr>");
		th_row(h, false);
		put_label(h, id);
		put(h, "</th>");
		char *a = pct(g->q_men[q]), *c = pct(g->q_women[q]);
		td(h, true);
		put_esc(h, a);
		put(h, "</td>");
		td(h, true);
		put_esc(h, c);
		put(h, "</td></tr>\n");
		g_free(a);
		g_free(c);
	}
	table_end(h);
	char cnt[16];
	g_snprintf(cnt, sizeof cnt, "%d", g->nmen + g->nwomen);
	note_fmt(h, gpg_note_fn, cnt);
}

static char *senior_caption_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	char *date = tpl_date(h->t, l, h->d->workforce.date);
	char *cap = tpl_format(h->t, l, "senior-caption", "date", date ? date : "", NULL);
	g_free(date);
	return cap;
}

static void cap_senior(H *h, const void *arg) { put_fmt_shared(h, senior_caption_fn, arg, true); }

static char *senior_note_fn(H *h, const void *arg, pps_lang l)
{
	if (!arg)
		return g_strdup(tpl_label(h->t, l, "senior-none"));
	return tpl_format(h->t, l, "senior-note", "count", (const char *)arg, NULL);
}

/* Transparency Code 2015 senior pay: the £5,000 bands from £50,000 with
 * their counts, then the senior posts' responsibilities, budgets and the
 * holders named at £150,000 or more (as layout.c's senior_tables). */
static void senior_tables(H *h, const char *id)
{
	const pps_figures *f = h->f;
	if (f->senior_present && f->nsenior_bands) {
		table_begin(h, id, cap_senior, NULL, "senior");
		id = NULL;
		put(h, "<thead>\n<tr>");
		put_colhead(h, NULL, "col-band", NULL, false);
		put_colhead(h, NULL, "col-employees", NULL, true);
		put(h, "</tr>\n</thead>\n<tbody>\n");
		for (int k = 0; k < f->nsenior_bands; k++) {
			int64_t from = FIG_SENIOR_FROM + (int64_t)k * FIG_SENIOR_BAND;
			char *lo = fig_pounds(from), *hi = fig_pounds(from + FIG_SENIOR_BAND - 100);
			char *t = tpl_format(h->t, h->lang, "senior-band", "from", lo, "to", hi, NULL);
			put(h, "<tr>");
			th_row(h, false);
			put_esc(h, t);
			put(h, "</th>");
			td(h, true);
			g_string_append_printf(h->o, "%d</td></tr>\n", f->senior_bands[k]);
			g_free(t);
			g_free(lo);
			g_free(hi);
		}
		table_end(h);
		char *cnt = fig_pounds((int64_t)f->senior_count * 100);
		note_fmt(h, senior_note_fn, cnt);
		g_free(cnt);
	} else if (f->senior_present) {
		note_fmt(h, senior_note_fn, NULL);
	}
	if (!fig_senior_details(h->d))
		return;
	table_begin(h, id, cap_label, "senior-posts-caption", "senior-posts");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-post", NULL, false);
	put_colhead(h, NULL, "col-responsibilities", NULL, false);
	put_colhead(h, NULL, "col-budget", NULL, true);
	put_colhead(h, NULL, "col-holder", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int i = 0; i < h->d->nposts; i++) {
		const pps_post *p = &h->d->posts[i];
		if (!fig_senior_post(p))
			continue;
		put(h, "<tr>");
		th_row(h, false);
		put_ml(h, &p->title);
		put(h, "</th>");
		td(h, false);
		put_ml(h, &p->responsibilities);
		put(h, "</td>");
		if (p->has_budget)
			put_money_cell(h, p->budget, NULL);
		else
			put(h, "<td></td>");
		td(h, false);
		for (int k = 0, n = 0; k < p->nholders; k++)
			if (fig_name_published(&p->holders[k])) {
				put(h, n++ ? "; " : "");
				put_esc(h, p->holders[k].name);
			}
		put(h, "</td></tr>\n");
	}
	table_end(h);
}

static char *prop_caption_fn(H *h, const void *arg, pps_lang l)
{
	const pps_block *b = arg;
	const pps_ml *name = b->post_ref ? &model_post(h->d, b->ref)->title : &model_scale(h->d, b->ref)->name;
	char *date = tpl_date(h->t, l, h->d->proposal.effective);
	char *cap = tpl_format(h->t, l, "prop-caption", "name", ml_plain(h, name, l), "date", date ? date : "", NULL);
	g_free(date);
	return cap;
}

static void cap_prop(H *h, const void *arg) { put_fmt_shared(h, prop_caption_fn, arg, true); }

static char *prop_note_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	return g_strdup(tpl_label(h->t, l, "prop-note"));
}

/* A scale's or post's current and proposed points, the change in words
 * (as layout.c's place_proposal_table). */
static void proposal_table(H *h, const pps_block *b, const char *id)
{
	pps_prop_row *rows;
	int n = fig_proposal_rows(h->d, b->ref, b->post_ref, h->a, &rows);
	if (!n)
		return;
	table_begin(h, id, cap_prop, b, "proposal");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, b->post_ref ? "col-prop-salary" : "col-prop-point", NULL, true);
	put_colhead(h, NULL, "col-current", NULL, true);
	put_colhead(h, NULL, "col-proposed", NULL, true);
	put_colhead(h, NULL, "col-change", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int i = 0; i < n; i++) {
		put(h, "<tr>");
		th_row(h, true);
		char *k = b->post_ref ? fig_pounds(rows[i].cur ? rows[i].cur : rows[i].prop) : g_strdup_printf("%d", rows[i].n);
		put_esc(h, k);
		g_free(k);
		put(h, "</th>");
		for (int c = 0; c < 2; c++) {
			int64_t v = c ? rows[i].prop : rows[i].cur;
			if (v)
				put_money_cell(h, v, NULL);
			else
				put(h, "<td></td>");
		}
		td(h, false);
		put_label(h, fig_prop_change_label(rows[i].change));
		put(h, "</td></tr>\n");
	}
	table_end(h);
	note_fmt(h, prop_note_fn, NULL);
}

/* The statutory topics and where they are covered (no page numbers here). */
static void compliance_table(H *h, const char *id)
{
	rules_table_spec spec;
	if (!rules_compliance_rows(h->d, h->t, h->lang, NULL, "", &spec, h->a))
		return;
	table_begin(h, id, cap_label, "compliance-caption", "compliance");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-topic", NULL, false);
	put_colhead(h, NULL, "col-source", NULL, false);
	put_colhead(h, NULL, "col-where", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int r = 0; r < spec.nrows; r++) {
		put(h, "<tr>");
		th_row(h, false);
		put_esc(h, spec.cells[r * 3]);
		put(h, "</th><td>");
		put_esc(h, spec.cells[r * 3 + 1]);
		put(h, "</td><td>");
		put_esc(h, spec.cells[r * 3 + 2]);
		put(h, "</td></tr>\n");
	}
	table_end(h);
}

/* A chart has no picture here: its caption and the sentences the PDF gives
 * as the figure's alternative text, which carry the same data. */
/* "The chart's figures: Pay multiples" (the title is in the block's language). */
static void cap_chart_table(H *h, const void *title)
{
	char *s = tpl_format(h->t, h->lang, "chart-table-caption", "title", (const char *)title, NULL);
	put_esc(h, s);
	g_free(s);
}

static void chart_block(H *h, const pps_block *b, const char *id)
{
	const pps_style *st = &h->t->style;
	double width = st->page_w - st->margin_left - st->margin_right;
	lay_chart *c = chart_build(h->d, h->f, h->t, h->lang, b->ref, width > 0 ? width : 450, NULL, h->a);
	if (!c)
		return;
	put(h, "<figure class=\"chart\"");
	attr(h, "id", id);
	put(h, ">\n<figcaption>");
	if (ml_any(&b->caption)) {
		put_ml(h, &b->caption);
	} else {
		char *s = chart_title(c, h->t, h->lang);
		put_esc(h, s);
		g_free(s);
	}
	put(h, "</figcaption>\n");
	/* The drawing (the PDF's chart code on cairo's SVG surface), named by
	 * the alternative text below it; then its figures as a table. */
	int n = ++h->ncharts;
	char idp[24], alt_id[32];
	g_snprintf(idp, sizeof idp, "pps-c%d", n);
	g_snprintf(alt_id, sizeof alt_id, "pps-c%d-alt", n);
	char *svg = chart_svg(c, h->t, h->d, h->f, h->lang, b->ref, idp, alt_id);
	if (svg) {
		put(h, "<div class=\"drawing\">");
		put(h, svg);
		put(h, "</div>\n");
		g_free(svg);
	}
	g_string_append_printf(h->o, "<p id=\"%s\">", alt_id);
	put_esc(h, chart_alt(c, h->t, h->lang, h->a));
	put(h, "</p>\n");
	chart_table ct;
	chart_figures(c, h->t, h->lang, h->a, &ct);
	if (ct.nrows) {
		char *title = chart_title(c, h->t, h->lang);
		table_begin(h, NULL, cap_chart_table, title, "chart-figures");
		g_free(title);
		put(h, "<thead>\n<tr>");
		for (int k = 0; k < ct.ncols; k++)
			put_colhead(h, NULL, ct.head[k], NULL, ct.num[k]);
		put(h, "</tr>\n</thead>\n<tbody>\n");
		for (int r = 0; r < ct.nrows; r++) {
			put(h, "<tr>");
			th_row(h, false);
			put_esc(h, ct.cell[r * ct.ncols]);
			put(h, "</th>");
			for (int k = 1; k < ct.ncols; k++) {
				td(h, ct.num[k]);
				put_esc(h, ct.cell[r * ct.ncols + k]);
				put(h, "</td>");
			}
			put(h, "</tr>\n");
		}
		table_end(h);
	}
	put(h, "</figure>\n");
}

/* ---- Blocks ----------------------------------------------------------- */

static void list_block(H *h, const pps_block *b, const char *id)
{
	const char *tag = b->ordered ? "ol" : "ul";
	g_string_append_printf(h->o, "<%s", tag);
	attr(h, "id", id);
	put(h, ">\n");
	for (int i = 0; i < b->nitems; i++) {
		const pps_item *it = &b->items[i];
		put(h, "<li>");
		put_ml(h, &it->text);
		if (it->nsub)
			put(h, "\n");
		/* Nested lists keep their anchors only where they cannot repeat. */
		for (int k = 0; k < it->nsub; k++)
			list_block(h, &it->sub[k], h->nl == 1 ? it->sub[k].id : NULL);
		put(h, "</li>\n");
	}
	g_string_append_printf(h->o, "</%s>\n", tag);
}

/* One block in the current language.  `sec_title` names a literal table that
 * has no caption of its own. */
static void block_lang(H *h, const pps_block *b, const char *id, const pps_ml *sec_title)
{
	switch (b->kind) {
	case BLK_PARA: put_ml_el(h, "p", NULL, id, &b->text); break;
	case BLK_NOTE: put_ml_el(h, "p", "note", id, &b->text); break;
	case BLK_LIST: list_block(h, b, id); break;
	case BLK_TABLE: literal_table(h, b, id, sec_title); break;
	case BLK_POSTS_TABLE: posts_table(h, b, id); break;
	case BLK_MULTIPLES: multiples_table(h, b, id); break;
	case BLK_COMPLIANCE: compliance_table(h, id); break;
	case BLK_CHART: chart_block(h, b, id); break;
	case BLK_SCALE_TABLE: scale_table(h, b, id, sec_title); break;
	case BLK_GPG_TABLE: gpg_tables(h, id); break;
	case BLK_SENIOR_PAY: senior_tables(h, id); break;
	case BLK_PROPOSAL_TABLE: proposal_table(h, b, id); break;
	}
}

/* Has the block words of its own in l?  Generated blocks always do. */
static bool items_have(const pps_block *b, pps_lang l)
{
	for (int i = 0; i < b->nitems; i++) {
		if (ml_has(&b->items[i].text, l))
			return true;
		for (int k = 0; k < b->items[i].nsub; k++)
			if (items_have(&b->items[i].sub[k], l))
				return true;
	}
	return false;
}

static bool block_has(const pps_block *b, pps_lang l)
{
	switch (b->kind) {
	case BLK_PARA:
	case BLK_NOTE: return ml_has(&b->text, l);
	case BLK_LIST: return items_have(b, l);
	case BLK_TABLE: {
		const pps_table *t = b->table;
		if (ml_has(&t->caption, l))
			return true;
		for (int r = 0; r < t->nhead + t->nbody; r++) {
			const pps_row *row = r < t->nhead ? &t->head[r] : &t->body[r - t->nhead];
			for (int c = 0; c < row->n; c++)
				if (ml_has(&row->cells[c].text, l))
					return true;
		}
		return false;
	}
	default: return true;
	}
}

static void block(H *h, const pps_block *b, const pps_ml *sec_title)
{
	if (!h->bi) {
		block_lang(h, b, b->id, sec_title);
		return;
	}
	/* Pay scales and the gender pay gap are mostly numbers: one table with
	 * headings in both languages, as the PDF's full-width tables. */
	if (b->kind == BLK_SCALE_TABLE || b->kind == BLK_GPG_TABLE) {
		block_lang(h, b, b->id, sec_title);
		return;
	}
	pps_lang have[LANG_N];
	int n = 0;
	for (int i = 0; i < h->nl; i++)
		if (block_has(b, h->langs[i]))
			have[n++] = h->langs[i];
	if (!n)
		return;
	bool prose = b->kind == BLK_PARA || b->kind == BLK_NOTE || b->kind == BLK_LIST;
	if (n > 1) {
		/* Prose side by side; tables and charts one above the other. */
		put(h, prose ? "<div class=\"pair\"" : "<div class=\"pair stack\"");
		attr(h, "id", b->id);
		put(h, ">\n");
	}
	/* Each language's copy is written as in a one-language file. */
	pps_lang save_lang = h->lang, save_ctx = h->ctx;
	h->bi = false;
	for (int i = 0; i < n; i++) {
		h->lang = have[i];
		put(h, "<div");
		attr(h, "lang", tpl_lang_tag(have[i]));
		if (n == 1) {
			/* Only in one language: shown whichever language is chosen. */
			attr(h, "id", b->id);
			put(h, " data-keep");
		}
		put(h, ">\n");
		h->ctx = have[i];
		block_lang(h, b, NULL, sec_title);
		h->ctx = save_ctx;
		put(h, "</div>\n");
	}
	h->lang = save_lang;
	h->bi = true;
	if (n > 1)
		put(h, "</div>\n");
}

/* ---- Sections ---------------------------------------------------------- */

/* The section's anchor: its id, else one made from its place ("pps-section-3",
 * "pps-section-3-2", "pps-appendix-A"), the same wherever it is asked for. */
static const char *section_id(H *h, const pps_section *s, const char *parent, bool appendix, int index)
{
	if (s->id)
		return s->id;
	if (parent)
		return arena_printf(h->a, "%s-%d", parent, index + 1);
	return appendix ? arena_printf(h->a, "pps-appendix-%s", s->letter ? s->letter : "x")
			: arena_printf(h->a, "pps-section-%d", index + 1);
}

/* A section's heading text in l, without its number (arena): an appendix's
 * "Appendix A – Title" label in l, the title in l or, outside the bilingual
 * file, a fallback language. */
static const char *heading_text(H *h, const pps_section *s, bool appendix, pps_lang l)
{
	const char *ttl = h->bi ? (ml_has(&s->title, l) ? plain(h, &s->title.tx[l], l) : NULL) : ml_plain(h, &s->title, l);
	if (appendix && s->level == 1) {
		char *t = tpl_format(h->t, l, "appendix-title", "letter", s->letter ? s->letter : "", "title",
				     ttl ? ttl : "", NULL);
		const char *r = arena_strdup(h->a, t);
		g_free(t);
		return r;
	}
	return ttl;
}

typedef struct {
	const pps_section *s;
	bool appendix;
} sec_arg;

static const char *heading_fn(H *h, const void *arg, pps_lang l)
{
	const sec_arg *a = arg;
	const char *t = heading_text(h, a->s, a->appendix, l);
	if (!t)
		return NULL;
	if (a->s->number && !(a->appendix && a->s->level == 1))
		return arena_printf(h->a, "%s\u2002%s", a->s->number, t);
	return t;
}

/* The heading's words: "<span class=secnum>3</span> Title", or per language
 * in the bilingual file.  A fallback title carries its own lang. */
static void put_heading_words(H *h, const pps_section *s, bool appendix)
{
	sec_arg a = {s, appendix};
	if (h->bi) {
		put_shared(h, heading_fn, &a, false);
		return;
	}
	if (appendix && s->level == 1) {
		put_esc(h, heading_text(h, s, true, h->lang));
		return;
	}
	if (s->number) {
		put(h, "<span class=\"secnum\">");
		put_esc(h, s->number);
		put(h, "</span> ");
	}
	pps_lang used;
	ml_in(h, &s->title, h->lang, &used);
	put_str_l(h, heading_text(h, s, false, h->lang), used);
}

static void notice_fn_put(H *h, const pps_section *s, pps_lang l)
{
	char *m = tpl_format(h->t, l, "exempt-appendix", "letter", s->letter ? s->letter : "", "para",
			     s->exempt_para ? s->exempt_para : "1", NULL);
	put_esc(h, m);
	g_free(m);
}

static void section(H *h, const pps_section *s, bool appendix, const char *id)
{
	int level = s->level + 1; /* h1 is the title */
	if (level > 6)
		level = 6;
	put(h, "<section");
	attr(h, "id", id);
	if (appendix && s->level == 1)
		attr(h, "class", "appendix");
	put(h, ">\n");
	g_string_append_printf(h->o, "<h%d%s>", level, h->bi ? " class=\"bi\"" : "");
	put_heading_words(h, s, appendix);
	g_string_append_printf(h->o, "</h%d>\n", level);

	if (appendix && s->level == 1 && s->exempt && h->public_only) {
		if (h->bi) {
			put(h, "<div class=\"pair\">\n");
			for (int i = 0; i < h->nl; i++) {
				put(h, "<p class=\"exempt\"");
				attr(h, "lang", tpl_lang_tag(h->langs[i]));
				put(h, ">");
				notice_fn_put(h, s, h->langs[i]);
				put(h, "</p>\n");
			}
			put(h, "</div>\n");
		} else {
			put(h, "<p class=\"exempt\">");
			notice_fn_put(h, s, h->lang);
			put(h, "</p>\n");
		}
		put(h, "</section>\n");
		return;
	}
	int bi = 0, si = 0;
	for (const char *o = s->order; o && *o; o++) {
		if (*o == 'b' && bi < s->nblocks)
			block(h, &s->blocks[bi++], &s->title);
		else if (*o == 's' && si < s->nsubs) {
			section(h, &s->subs[si], appendix, section_id(h, &s->subs[si], id, appendix, si));
			si++;
		}
	}
	put(h, "</section>\n");
}

/* ---- Front matter ------------------------------------------------------ */

static const char *title_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	if (h->bi)
		return ml_has(&h->d->title, l) ? plain(h, &h->d->title.tx[l], l) : tpl_label(h->t, l, "title-default");
	return ml_any(&h->d->title) ? ml_plain(h, &h->d->title, l) : tpl_label(h->t, l, "title-default");
}

static const char *council_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	if (h->bi)
		return ml_has(&h->d->council, l) ? plain(h, &h->d->council.tx[l], l) : NULL;
	return ml_plain(h, &h->d->council, l);
}

static char *fy_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	return phrase_financial_year(h->d, h->t, l);
}

static char *status_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	return phrase_status(h->d, h->t, l);
}

static char *effective_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	return phrase_effective(h->d, h->t, l);
}

static char *version_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	return phrase_version(h->d, h->t, l);
}

/* <p class=cls>, its words per language: side by side in the bilingual file. */
static void meta_line(H *h, const char *cls, fmt_fn fn)
{
	put(h, "<p");
	attr(h, "class", h->bi ? arena_printf(h->a, "%s bi", cls) : cls);
	put(h, ">");
	put_fmt_shared(h, fn, NULL, false);
	put(h, "</p>\n");
}

/* The file name render.c gives the other language's HTML (same folder). */
static char *other_file(H *h, pps_lang other)
{
	char *b = g_path_get_basename(h->d->path);
	char *dot = strrchr(b, '.');
	if (dot && dot != b)
		*dot = 0;
	GString *s = g_string_new(b);
	g_free(b);
	if (h->appendix) {
		const pps_section *a = model_section(h->d, h->appendix);
		if (a && a->letter)
			g_string_append_printf(s, "-appendix-%s", a->letter);
	}
	g_string_append(s, other == LANG_CY ? "-cy.html" : "-en.html");
	char *u = g_uri_escape_string(s->str, "-._~", TRUE);
	g_string_free(s, TRUE);
	return u;
}

static void lang_switch(H *h)
{
	/* Shown by the script; without it both languages simply stay on the page. */
	put(h, "<div class=\"lang-switch\" id=\"pps-lang-switch\" role=\"group\" hidden aria-label=\"");
	for (int i = 0; i < h->nl; i++) {
		if (i)
			put(h, " / ");
		put_esc(h, tpl_label(h->t, h->langs[i], "language-switch"));
	}
	put(h, "\">\n<button type=\"button\" data-show=\"both\" aria-pressed=\"true\">");
	for (int i = 0; i < h->nl; i++) {
		if (i)
			put(h, " / ");
		put(h, "<span data-keep");
		attr(h, "lang", tpl_lang_tag(h->langs[i]));
		put(h, ">");
		put_esc(h, tpl_label(h->t, h->langs[i], "language-both"));
		put(h, "</span>");
	}
	put(h, "</button>\n");
	for (int i = 0; i < h->nl; i++) {
		g_string_append_printf(h->o, "<button type=\"button\" data-show=\"%s\" aria-pressed=\"false\" data-keep",
				       h->langs[i] == LANG_CY ? "cy" : "en");
		attr(h, "lang", tpl_lang_tag(h->langs[i]));
		put(h, ">");
		put_esc(h, tpl_label(h->t, h->langs[i], "language-name"));
		put(h, "</button>\n");
	}
	put(h, "</div>\n");
}

static void cover(H *h)
{
	const pps_doc *d = h->d;
	put(h, "<header class=\"cover\">\n");
	if (h->bi)
		lang_switch(h);
	if (!d->approved_status) {
		put(h, "<p class=\"draft-banner\"><strong>");
		put_shared(h, label_fn, "draft-watermark", true);
		put(h, "</strong></p>\n");
	}
	if (ml_any(&d->council)) {
		put(h, h->bi ? "<p class=\"council bi\">" : "<p class=\"council\">");
		put_shared(h, council_fn, NULL, false);
		put(h, "</p>\n");
	}
	put(h, h->bi ? "<h1 class=\"bi\">" : "<h1>");
	put_shared(h, title_fn, NULL, false);
	put(h, "</h1>\n");
	meta_line(h, "fy", fy_fn);
	meta_line(h, d->approved_status ? "status" : "status draft", status_fn);
	if (d->effective)
		meta_line(h, "meta", effective_fn);
	if (d->version)
		meta_line(h, "meta", version_fn);
	/* The other language's version exists (Welsh Language Standards). */
	if (!h->bi && model_has_lang(d, LANG_CY) && model_has_lang(d, LANG_EN)) {
		pps_lang other = h->lang == LANG_CY ? LANG_EN : LANG_CY;
		char *f = other_file(h, other);
		put(h, "<p class=\"other-language\"><a");
		attr(h, "href", f);
		attr(h, "hreflang", tpl_lang_tag(other));
		put(h, ">");
		put_esc(h, tpl_label(h->t, h->lang, "other-language"));
		put(h, "</a></p>\n");
		/* The same notice in the other language, marked as such. */
		put(h, "<p class=\"other-language\"");
		attr(h, "lang", tpl_lang_tag(other));
		put(h, ">");
		put_esc(h, tpl_label(h->t, other, other == LANG_CY ? "also-in-welsh" : "also-in-english"));
		put(h, "</p>\n");
		g_free(f);
	}
	put(h, "</header>\n");
}

typedef struct {
	const pps_section *s;
	bool appendix;
	const char *id;
} toc_entry;

static const char *toc_fn(H *h, const void *arg, pps_lang l)
{
	const toc_entry *e = arg;
	return heading_text(h, e->s, e->appendix, l);
}

/* "3 Chief officers" (the number once, then the title in each language),
 * or "Appendix A – Pay scales", one link. */
static void toc_item(H *h, const toc_entry *e)
{
	put(h, "<li><a");
	attr(h, "href", arena_printf(h->a, "#%s", e->id));
	put(h, ">");
	if (e->s->number && !e->appendix) {
		put_esc(h, e->s->number);
		put(h, "\u2002");
	}
	if (h->bi) {
		put_shared(h, toc_fn, e, true);
	} else {
		pps_lang used;
		ml_in(h, &e->s->title, h->lang, &used);
		put_str_l(h, heading_text(h, e->s, e->appendix, h->lang), e->appendix ? h->lang : used);
	}
	put(h, "</a></li>\n");
}

static void contents(H *h)
{
	const pps_doc *d = h->d;
	put(h, "<nav class=\"toc\" aria-labelledby=\"pps-contents\">\n<h2 id=\"pps-contents\">");
	put_label(h, "contents");
	put(h, "</h2>\n<ol>\n");
	if (!h->appendix)
		for (int i = 0; i < d->nsections; i++) {
			toc_entry e = {&d->sections[i], false, section_id(h, &d->sections[i], NULL, false, i)};
			toc_item(h, &e);
		}
	for (int i = 0; i < d->nappendices; i++) {
		const pps_section *s = &d->appendices[i];
		if (h->appendix && g_strcmp0(s->id, h->appendix) != 0)
			continue;
		toc_entry e = {s, true, section_id(h, s, NULL, true, i)};
		toc_item(h, &e);
	}
	put(h, "</ol>\n</nav>\n");
}

/* ---- Style ------------------------------------------------------------- */

static void hex(GString *o, const double *rgb)
{
	g_string_append_c(o, '#');
	for (int i = 0; i < 3; i++) {
		double v = rgb[i] < 0 ? 0 : rgb[i] > 1 ? 1 : rgb[i];
		g_string_append_printf(o, "%02x", (unsigned)lround(v * 255));
	}
}

static const char CSS[] =
	"*,*::before,*::after{box-sizing:border-box}\n"
	"html{font-family:var(--font),\"Noto Sans\",Arial,Helvetica,sans-serif;color:var(--text);background:#fff;"
	"line-height:1.5;-webkit-text-size-adjust:100%}\n"
	"body{margin:0;font-size:1.0625rem}\n"
	".skip{position:absolute;left:-10000px;top:auto;padding:.5rem 1rem;background:#fff;color:var(--primary);"
	"font-weight:700;z-index:10}\n"
	".skip:focus{left:1rem;top:1rem;outline:3px solid var(--focus)}\n"
	".page{max-width:52rem;margin:0 auto;padding:0 1.25rem 3rem}\n"
	".bilingual .page{max-width:84rem}\n"
	"header.cover{border-bottom:4px solid var(--primary);padding:2rem 0 1.25rem;margin-bottom:1.5rem}\n"
	".council{font-size:1.25rem;font-weight:700;margin:0 0 .75rem}\n"
	"h1{color:var(--primary);font-size:2.25rem;line-height:1.15;margin:0 0 .5rem}\n"
	".fy{font-size:1.3rem;color:var(--primary);margin:0 0 1rem}\n"
	".status,.meta{margin:.2rem 0}\n"
	".other-language{font-weight:700;margin:1rem 0 0}\n"
	".draft-banner{margin:0 0 1.25rem;padding:.5rem 1rem;border:3px solid var(--draft);background:#fff5f5;"
	"color:var(--draft);font-size:1.5rem;letter-spacing:.12em}\n"
	".status.draft{font-weight:700}\n"
	".watermark{display:none}\n"
	"h2,h3,h4,h5,h6{color:var(--primary);line-height:1.25}\n"
	"h2{font-size:1.6rem;margin:2.5rem 0 1rem;padding-bottom:.3rem;border-bottom:1px solid var(--rule)}\n"
	"h3{font-size:1.3rem;margin:2rem 0 .75rem}\n"
	"h4,h5,h6{font-size:1.1rem;margin:1.5rem 0 .5rem}\n"
	".secnum{display:inline-block;min-width:2.2em}\n"
	"p,ul,ol{margin:0 0 1rem}\n"
	"li{margin:.25rem 0}\n"
	"li>ul,li>ol{margin:.25rem 0 .5rem}\n"
	"a{color:var(--primary);text-decoration:underline;text-underline-offset:.15em}\n"
	"a:hover{text-decoration-thickness:3px}\n"
	"a:focus,button:focus,.table-wrap:focus{outline:3px solid var(--focus);outline-offset:2px}\n"
	"nav.toc{margin:0 0 2rem}\n"
	"nav.toc h2{margin-top:0}\n"
	"nav.toc ol{list-style:none;padding:0;margin:0}\n"
	"nav.toc li{margin:.35rem 0}\n"
	".note{font-size:.9375rem}\n"
	".exempt{font-style:italic}\n"
	".table-wrap{overflow-x:auto;margin:1rem 0 1.5rem}\n"
	"table{border-collapse:collapse;font-size:.9375rem;min-width:min(100%,28rem)}\n"
	"table.scale{font-size:.875rem}\n"
	"table.scale th,table.scale td{padding:.3rem .45rem}\n"
	"table.scale tbody th,table.scale td{white-space:nowrap}\n"
	"table.posts tbody th,table.multiples tbody th{min-width:11rem}\n"
	"caption{text-align:left;font-weight:700;color:var(--primary);padding:0 0 .5rem}\n"
	"th,td{border:1px solid var(--rule);padding:.35rem .6rem;text-align:left;vertical-align:top}\n"
	"thead th{background:var(--head);vertical-align:bottom}\n"
	"tbody tr:nth-child(even){background:var(--band)}\n"
	"tbody th{font-weight:600}\n"
	"th .l1,th .l2{display:block}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"thead th.num{white-space:normal}\n"
	"tr.group>*{border-top:2px solid var(--primary)}\n"
	"figure.chart{margin:1rem 0 1.5rem;padding:.75rem 1rem;border-left:4px solid var(--primary);background:var(--band)}\n"
	"figure.chart figcaption{font-weight:700;color:var(--primary);margin-bottom:.25rem}\n"
	"figure.chart p{margin:0}\n"
	"figure.chart .drawing{margin:.5rem 0;background:#fff}\n"
	"figure.chart svg{display:block;max-width:100%;height:auto}\n"
	"figure.chart .table-wrap{margin-top:.75rem}\n"
	"footer{margin-top:3rem;padding-top:1rem;border-top:1px solid var(--rule);font-size:.9375rem}\n"
	".lang-switch{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1.25rem}\n"
	".lang-switch[hidden]{display:none}\n"
	".lang-switch button{font:inherit;font-size:.9375rem;padding:.35rem .8rem;border:2px solid var(--primary);"
	"background:#fff;color:var(--primary);border-radius:3px;cursor:pointer}\n"
	".lang-switch button[aria-pressed=true]{background:var(--primary);color:#fff}\n"
	"@media (max-width:40rem){h1{font-size:1.75rem}h2{font-size:1.4rem}}\n"
	"@media (min-width:50rem){\n"
	".pair{display:grid;grid-template-columns:1fr 1fr;column-gap:2.5rem}\n"
	".pair.stack{display:block}\n"
	".bi{display:grid;grid-template-columns:1fr 1fr;column-gap:2.5rem}\n"
	"}\n"
	".bi>span{display:block}\n"
	"body.show-cy [lang|=en]:not([data-keep]),body.show-en [lang=cy]:not([data-keep]){display:none}\n"
	"body.show-cy .sep,body.show-en .sep{display:none}\n"
	"body.show-cy .pair,body.show-en .pair,body.show-cy .bi,body.show-en .bi{display:block}\n"
	".bilingual.show-cy .page,.bilingual.show-en .page{max-width:52rem}\n"
	"@media print{\n"
	"@page{size:A4;margin:18mm 16mm}\n"
	"html{font-size:10.5pt}\n"
	"body{font-size:1rem}\n"
	".skip,.lang-switch{display:none}\n"
	".page{max-width:none;padding:0}\n"
	"a{color:inherit}\n"
	"a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:.85em;word-break:break-all}\n"
	"h1,h2,h3,h4,h5,h6,caption,figcaption{break-after:avoid}\n"
	"tr,li,figure{break-inside:avoid}\n"
	"thead{display:table-header-group}\n"
	".table-wrap{overflow:visible}\n"
	"nav.toc{break-after:page}\n"
	"section.appendix{break-before:page}\n"
	".watermark{display:block;position:fixed;top:40%;left:0;right:0;text-align:center;font-size:96pt;"
	"font-weight:700;color:rgba(164,38,44,.12);transform:rotate(-35deg);z-index:-1}\n"
	"}\n";

static const char SCRIPT[] =
	"(function(){var s=document.getElementById('pps-lang-switch');if(!s)return;s.hidden=false;\n"
	"var b=s.querySelectorAll('button'),root=document.documentElement,first=root.lang;\n"
	"function show(w){document.body.classList.remove('show-cy','show-en');\n"
	"if(w!=='both')document.body.classList.add('show-'+w);\n"
	"root.lang=w==='en'?'en-GB':w==='cy'?'cy':first;\n"
	"for(var i=0;i<b.length;i++)b[i].setAttribute('aria-pressed',b[i].getAttribute('data-show')===w?'true':'false');}\n"
	"for(var i=0;i<b.length;i++)b[i].addEventListener('click',function(){show(this.getAttribute('data-show'));});\n"
	"})();\n";

static void style(H *h)
{
	const pps_style *st = &h->t->style;
	put(h, "<style>\n:root{--text:");
	hex(h->o, st->text);
	put(h, ";--primary:");
	hex(h->o, st->primary);
	put(h, ";--rule:");
	hex(h->o, st->rule);
	put(h, ";--head:");
	hex(h->o, st->table_head);
	put(h, ";--band:");
	hex(h->o, st->table_band);
	/* Not from the house style: a red for the draft banner and a yellow focus
	 * ring, both with at least 4.5:1 / 3:1 against white. */
	put(h, ";--draft:#a4262c;--focus:#d98c00;--font:\"");
	/* A font family name inside a CSS string: no quotes or backslashes. */
	for (const char *p = st->font ? st->font : "Noto Sans"; *p; p++)
		if (*p != '"' && *p != '\\' && *p != '<' && *p != '>')
			g_string_append_c(h->o, *p);
	put(h, "\"}\n");
	put(h, CSS);
	put(h, "</style>\n");
}

/* ---- The page ---------------------------------------------------------- */

static void doc_title(H *h)
{
	GString *s = g_string_new(NULL);
	for (int i = 0; i < h->nl; i++) {
		pps_lang l = h->langs[i];
		char *yr = tpl_year(h->t, l, h->d->year_start);
		if (i)
			g_string_append(s, " / ");
		g_string_append_printf(s, "%s %s", title_fn(h, NULL, l), yr);
		g_free(yr);
	}
	const char *council = council_fn(h, NULL, h->langs[0]);
	if (council && *council)
		g_string_append_printf(s, " – %s", council);
	if (h->appendix) {
		const pps_section *a = model_section(h->d, h->appendix);
		if (a && a->letter) {
			char *t = tpl_format(h->t, h->langs[0], "appendix", "letter", a->letter, NULL);
			g_string_prepend(s, " – ");
			g_string_prepend(s, t);
			g_free(t);
		}
	}
	put(h, "<title>");
	put_esc(h, s->str);
	put(h, "</title>\n");
	g_string_free(s, TRUE);
}

void html_write(const pps_doc *d, const pps_figures *f, const pps_template *t, const pps_lang *langs, int nlangs,
		const char *appendix, bool public_only, GString *out)
{
	H h = {.d = d, .f = f, .t = t, .appendix = appendix, .public_only = public_only, .o = out};
	h.nl = nlangs < 1 ? 1 : nlangs > LANG_N ? LANG_N : nlangs;
	for (int i = 0; i < h.nl; i++)
		h.langs[i] = nlangs > 0 ? langs[i] : (d->nlangs ? d->langs[0] : LANG_EN);
	h.bi = h.nl > 1;
	h.lang = h.langs[0];
	/* In the bilingual file no language is taken as read: every element in
	 * one language says which, so the switch can hide it. */
	h.ctx = h.bi ? LANG_N : h.langs[0];
	h.a = arena_new();

	put(&h, "<!DOCTYPE html>\n<html");
	attr(&h, "lang", tpl_lang_tag(h.langs[0]));
	put(&h, ">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	doc_title(&h);
	put(&h, "<meta name=\"generator\" content=\"ppsgen\">\n");
	style(&h);
	put(&h, "</head>\n");
	put(&h, h.bi ? "<body class=\"bilingual\">\n" : "<body>\n");
	put(&h, "<a class=\"skip\" href=\"#pps-main\">");
	put_label(&h, "skip-link");
	put(&h, "</a>\n");
	if (!d->approved_status) {
		put(&h, "<div class=\"watermark\" aria-hidden=\"true\">");
		for (int i = 0; i < h.nl; i++) {
			if (i)
				put(&h, " / ");
			put_esc(&h, tpl_label(t, h.langs[i], "draft-watermark"));
		}
		put(&h, "</div>\n");
	}
	put(&h, "<div class=\"page\">\n");
	cover(&h);
	contents(&h);
	put(&h, "<main id=\"pps-main\" tabindex=\"-1\">\n");
	if (appendix) {
		for (int i = 0; i < d->nappendices; i++)
			if (g_strcmp0(d->appendices[i].id, appendix) == 0)
				section(&h, &d->appendices[i], true, section_id(&h, &d->appendices[i], NULL, true, i));
	} else {
		for (int i = 0; i < d->nsections; i++)
			section(&h, &d->sections[i], false, section_id(&h, &d->sections[i], NULL, false, i));
		for (int i = 0; i < d->nappendices; i++)
			section(&h, &d->appendices[i], true, section_id(&h, &d->appendices[i], NULL, true, i));
	}
	put(&h, "</main>\n");
	if (ml_any(&d->contact)) {
		put(&h, "<footer>\n");
		static const pps_block contact_kind = {.kind = BLK_PARA};
		pps_block b = contact_kind;
		b.text = d->contact;
		block(&h, &b, NULL);
		put(&h, "</footer>\n");
	}
	put(&h, "</div>\n");
	if (h.bi) {
		put(&h, "<script>\n");
		put(&h, SCRIPT);
		put(&h, "</script>\n");
	}
	put(&h, "</body>\n</html>\n");
	arena_free(h.a);
}
