/* layout_furniture.c — the pages around the body: the cover, the summary
 * of changes, the contents, and each page's running header and footer. */
#include "layout_int.h"

#include <math.h>
#include <string.h>

#include "phrases.h"

static void place_centered(lay *L, const char *s, double size, bool bold, const char *leaf, const double *rgb,
			   double gap);

/* ---- Year on year ----------------------------------------------------- */

static char *pct_change(int64_t before, int64_t after)
{
	if (before == 0)
		return g_strdup("");
	double p = (double)(after - before) * 100.0 / (double)before;
	double r = (p >= 0 ? floor(p * 10 + 0.5) : -floor(-p * 10 + 0.5)) / 10;
	return g_strdup_printf("%+.1f%%", r);
}

/* A label with one text value taken from the model, in the language being
 * laid out; in the parallel layout "Welsh / English" (full-width tables). */
static char *say(lay *L, const char *id, const char *k1, const pps_ml *v1, const char *k2, const char *v2)
{
	int n = L->par ? 2 : 1;
	GString *out = g_string_new(NULL);
	for (int i = 0; i < n; i++) {
		pps_lang l = L->par ? L->opt->langs[i] : L->lang;
		const char *val = v1 ? text_plain(L->b->arena, ml_text(v1, l)) : "";
		char *t = tpl_format(L->t, l, id, k1 ? k1 : "-", val, k2 ? k2 : "-", v2 ? v2 : "", NULL);
		if (L->par)
			g_string_append_printf(out, "%s%s%s" BI_END, i ? " / " : "", i ? BI_SECOND : BI_FIRST, t);
		else
			g_string_append(out, t);
		g_free(t);
	}
	return g_string_free(out, FALSE);
}

void place_changes(lay *L)
{
	const pps_doc *d = L->d, *pd = L->opt->prev;
	char *pyear = tpl_year(L->t, L->lang, pd->year_start), *year = tpl_year(L->t, L->lang, d->year_start);
	GPtrArray *rows = g_ptr_array_new_with_free_func(g_free); /* 4 strings per row */
	for (int i = 0; i < d->nscales; i++) {
		const pps_scale *s = &d->scales[i], *ps = model_scale(pd, s->id);
		if (!ps)
			continue;
		for (int k = 0; k < s->npoints; k++) {
			const pps_point *pt = &s->points[k], *pp = model_point(ps, pt->n);
			if (!pp || pp->salary[0] == pt->salary[0])
				continue;
			char n[16];
			g_snprintf(n, sizeof n, "%d", pt->n);
			g_ptr_array_add(rows, say(L, "change-point", "scale", &s->name, "n", n));
			g_ptr_array_add(rows, fig_money(pp->salary[0], false));
			g_ptr_array_add(rows, fig_money(pt->salary[0], false));
			g_ptr_array_add(rows, pct_change(pp->salary[0], pt->salary[0]));
		}
	}
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i], *pp = model_post(pd, p->id);
		if (!pp || !p->npoints || !pp->npoints)
			continue;
		int64_t a = pp->points[pp->npoints - 1], b = p->points[p->npoints - 1];
		if (a == b)
			continue;
		g_ptr_array_add(rows, say(L, "change-post", "post", &p->title, NULL, NULL));
		g_ptr_array_add(rows, fig_money(a, false));
		g_ptr_array_add(rows, fig_money(b, false));
		g_ptr_array_add(rows, pct_change(a, b));
	}
	for (int i = 0; i < d->nmultiples; i++) {
		const pps_figure *now = fig_get(L->fig, d->multiples[i].id), *then = fig_get(L->opt->prev_fig, d->multiples[i].id);
		if (!now || !then)
			continue;
		g_ptr_array_add(rows, g_strdup(ml_plain(L, &d->multiples[i].label)));
		g_ptr_array_add(rows, g_strdup(then->display));
		g_ptr_array_add(rows, g_strdup(now->display));
		g_ptr_array_add(rows, g_strdup(""));
	}
	char *title = say(L, "changes-title", NULL, NULL, "year", pyear);
	new_page(L);
	const char *dest = arena_printf(L->b->arena, "%schanges", L->prefix);
	tag_begin(L, "Sect");
	emit(L, (lay_op){.kind = OP_DEST, .name = dest, .x = L->x0, .y = L->y});
	para *hp = str_para(L, title, L->width, L->st->h1_size, true, false);
	emit_text(L, hp, 0, hp->nlines, L->x0, L->y, "H2", L->st->primary);
	L->y += para_h(hp) + 6;
	add_outline(L, 1, title, dest);
	g_hash_table_insert(L->b->page_of, arena_printf(L->b->arena, "%schanges", L->prefix), GINT_TO_POINTER(L->page->number));
	char *intro = say(L, "changes-intro", NULL, NULL, "year", pyear);
	para *ip = str_para(L, intro, L->width, L->st->body_size, false, false);
	place_p(L, ip, L->x0, NULL);
	L->y += L->st->para_space;
	int n = (int)rows->len / 4;
	if (n) {
		gtable *g = gt_new(L, 4, 1 + n, 1);
		g->row_headers = true;
		double wt[4] = {3, 1.2, 1.2, 1};
		g->align[1] = g->align[2] = g->align[3] = 'r';
		gt_weights(g, wt);
		gt_set(L, g, 0, 0, lbl(L, "col-item"));
		gt_set(L, g, 0, 1, pyear);
		gt_set(L, g, 0, 2, year);
		gt_set(L, g, 0, 3, lbl(L, "col-change"));
		for (int r = 0; r < n; r++)
			for (int c = 0; c < 4; c++)
				gt_set(L, g, 1 + r, c, rows->pdata[r * 4 + c]);
		gt_place(L, g);
	} else {
		place_centered(L, tpl_label(L->t, L->lang, "no-changes"), L->st->body_size, false, "P", L->st->text, 6);
	}
	tag_end(L, "Sect");
	g_free(intro);
	g_free(title);
	g_free(pyear);
	g_free(year);
	g_ptr_array_free(rows, TRUE);
}

/* ---- Front matter ---------------------------------------------------- */

static void place_centered(lay *L, const char *s, double size, bool bold, const char *leaf, const double *rgb,
			   double gap)
{
	para *p = str_para(L, s, L->width, size, bold, false);
	emit_text(L, p, 0, p->nlines, L->x0, L->y, leaf, rgb);
	L->y += para_h(p) + gap;
}

const char *doc_title(lay *L)
{
	const pps_text *t = ml_text(&L->d->title, L->lang);
	return t ? text_plain(L->b->arena, t) : tpl_label(L->t, L->lang, "title-default");
}

void place_cover(lay *L)
{
	const pps_doc *d = L->d;
	L->y = L->top + 40;
	if (d->logo) {
		emit(L, (lay_op){.kind = OP_TAG_BEGIN, .tag = "Figure", .lang = lang_tag(L),
				 .alt = ml_text(&d->logo_alt, L->lang) ? ml_plain(L, &d->logo_alt) : ml_plain(L, &d->council)});
		emit(L, (lay_op){.kind = OP_IMAGE, .name = d->logo, .x = L->x0, .y = L->y, .w = 160, .h = 60});
		emit(L, (lay_op){.kind = OP_TAG_END, .tag = "Figure"}); /* a leaf: never open across a break */
		L->y += 80;
	}
	tag_begin(L, "P");
	place_centered(L, ml_plain(L, &d->council), 16, true, "Span", L->st->text, 30);
	tag_end(L, "P");
	place_centered(L, doc_title(L), 30, true, "H1", L->st->primary, 10);
	char *fy = phrase_financial_year(d, L->t, L->lang);
	tag_begin(L, "P");
	place_centered(L, fy, 18, false, "Span", L->st->primary, 40);
	tag_end(L, "P");
	g_free(fy);
	emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = L->y - 20, .w = L->width, .lw = 1.5,
			 .rgb = {L->st->primary[0], L->st->primary[1], L->st->primary[2]}});
	char *lines[3] = {phrase_status(d, L->t, L->lang), phrase_effective(d, L->t, L->lang),
			  phrase_version(d, L->t, L->lang)};
	for (int i = 0; i < 3; i++) {
		if (!lines[i])
			continue;
		tag_begin(L, "P");
		place_centered(L, lines[i], 12, false, "Span", L->st->text, 4);
		tag_end(L, "P");
		g_free(lines[i]);
	}
	/* The other language's version and the alternative formats sit at the
	 * foot of the cover, measured so they never spill onto a second page. */
	const pps_text *ct = ml_text(&d->contact, L->lang);
	para *cp = ct ? text_para(L, ct, L->width, L->st->note_size, false, false) : NULL;
	bool other = model_has_lang(d, LANG_CY) && model_has_lang(d, LANG_EN) && L->opt->mode == LAYOUT_SINGLE;
	para *op = NULL, *op2 = NULL;
	pps_lang ol = L->lang == LANG_CY ? LANG_EN : LANG_CY;
	if (other) {
		op = str_para(L, tpl_label(L->t, L->lang, "other-language"), L->width, 12, true, false);
		/* ... and the same notice in the other language, shaped and tagged as such. */
		pps_lang save = L->lang;
		L->lang = ol;
		op2 = str_para(L, tpl_label(L->t, ol, ol == LANG_CY ? "also-in-welsh" : "also-in-english"), L->width, 12, true,
			       false);
		L->lang = save;
	}
	double foot = (cp ? para_h(cp) : 0) + (op ? para_h(op) + para_h(op2) + 12 : 0);
	L->y = MAX(L->y + 10, L->bottom - foot);
	if (op) {
		emit_text(L, op, 0, op->nlines, L->x0, L->y, "P", L->st->primary);
		L->y += para_h(op);
		emit_text(L, op2, 0, op2->nlines, L->x0, L->y, "P", L->st->primary);
		g_array_index(L->page->ops, lay_op, L->page->ops->len - 1).lang = tpl_lang_tag(ol);
		L->y += para_h(op2) + 12;
	}
	if (cp) { /* a contact text longer than the cover goes on over the next page */
		tag_begin(L, "P");
		place_lines(L, cp, L->x0, "Span", NULL);
		tag_end(L, "P");
	}
}

void unit_cover(lay *L, const void *arg)
{
	(void)arg;
	place_cover(L);
}

typedef struct {
	const char *num, *title, *dest, *key;
	int level;
} toc_entry;

static void toc_entries(lay *L, GArray *out)
{
	const pps_doc *d = L->d;
	L->bi_labels = L->par;
	for (int i = 0; i < d->nsections; i++) {
		const pps_section *s = &d->sections[i];
		toc_entry e = {s->number, ml_plain(L, &s->title), s->id ? dest_name(L, s->id) : NULL,
			       s->id ? arena_printf(L->b->arena, "%s%s", L->prefix, s->id) : NULL, 1};
		g_array_append_val(out, e);
	}
	for (int i = 0; i < d->nappendices; i++) {
		const pps_section *s = &d->appendices[i];
		if (L->opt->appendix && g_strcmp0(s->id, L->opt->appendix) != 0)
			continue;
		char *t = tpl_format(L->t, L->lang, "appendix-title", "letter", s->letter, "title", ml_plain(L, &s->title), NULL);
		if (L->par) {
			char *t2 = tpl_format(L->t, L->opt->langs[1], "appendix-title", "letter", s->letter, "title",
					      text_plain(L->b->arena, ml_text(&s->title, L->opt->langs[1])), NULL);
			char *t1 = tpl_format(L->t, L->lang, "appendix-title", "letter", s->letter, "title",
					      text_plain(L->b->arena, ml_text(&s->title, L->opt->langs[0])), NULL);
			char *t3 = g_strdup(bi_join(L, t1, t2));
			g_free(t1);
			g_free(t);
			g_free(t2);
			t = t3;
		}
		toc_entry e = {NULL, arena_strdup(L->b->arena, t), s->id ? dest_name(L, s->id) : NULL,
			       s->id ? arena_printf(L->b->arena, "%s%s", L->prefix, s->id) : NULL, 1};
		g_free(t);
		g_array_append_val(out, e);
	}
	if (L->opt->prev && !L->opt->appendix) {
		char *py = tpl_year(L->t, L->lang, L->opt->prev->year_start);
		char *t = say(L, "changes-title", NULL, NULL, "year", py);
		toc_entry e = {NULL, arena_strdup(L->b->arena, t), arena_printf(L->b->arena, "%schanges", L->prefix),
			       arena_printf(L->b->arena, "%schanges", L->prefix), 1};
		g_array_append_val(out, e);
		g_free(t);
		g_free(py);
	}
	L->bi_labels = false;
}

/* The contents, after the body so the page numbers are known. */
void place_contents(lay *L)
{
	L->bi_labels = L->par;
	char *h = label(L, "contents");
	L->bi_labels = false;
	para *hp = str_para(L, h, L->width, L->st->h1_size, true, false);
	const char *dest = arena_printf(L->b->arena, "%scontents", L->prefix);
	tag_begin(L, "Sect");
	emit(L, (lay_op){.kind = OP_DEST, .name = dest, .x = L->x0, .y = L->y});
	emit_text(L, hp, 0, hp->nlines, L->x0, L->y, "H2", L->st->primary);
	if (L->par) /* "Cynnwys / Contents": both languages, so no one /Lang */
		g_array_index(L->page->ops, lay_op, L->page->ops->len - 1).lang = NULL;
	L->y += para_h(hp) + 10;
	add_outline(L, 1, h, dest);
	g_free(h);
	GArray *ents = g_array_new(FALSE, TRUE, sizeof(toc_entry));
	toc_entries(L, ents);
	tag_begin(L, "TOC");
	const double numw = 30, pagew = 36;
	for (guint i = 0; i < ents->len; i++) {
		toc_entry *e = &g_array_index(ents, toc_entry, i);
		int page = e->key ? GPOINTER_TO_INT(g_hash_table_lookup(L->b->page_of, e->key)) : 0;
		char pg[16];
		g_snprintf(pg, sizeof pg, "%d", page);
		double textw = L->width - numw - pagew - 8;
		rich r;
		rich_init(&r);
		rich_add_str(&r, e->title);
		para *tp = make_para(L, &r, textw, L->st->body_size, false, false);
		para *np = e->num ? str_para(L, e->num, numw, L->st->body_size, false, false) : NULL;
		para *pp = str_para(L, pg, pagew, L->st->body_size, false, true);
		double hgt = para_h(tp);
		if (L->y + hgt > L->bottom)
			new_page(L);
		tag_begin(L, "TOCI");
		/* TOCI may hold Lbl, Reference, NonStruct, P or TOC, not a Link
		 * (ISO 32000-1 table 333): the Link sits in a Reference. */
		tag_begin(L, "Reference");
		/* One Link leaf per entry: its text and page (cairo takes the link
		 * area from what is drawn). */
		lay_op lo = {.kind = OP_TAG_BEGIN, .tag = "Link", .name = e->dest, .lang = lang_tag(L)};
		lo.alt = e->title; /* the annotation's /Contents */
		emit(L, lo);
		double x = L->x0;
		if (np)
			emit_text(L, np, 0, np->nlines, x, L->y, "", NULL);
		emit_text(L, tp, 0, tp->nlines, x + numw, L->y, "", NULL);
		/* Dot leaders from the end of the last line to the page number,
		 * on a global grid so the dots line up from entry to entry.  Drawn
		 * as a dotted rule, not full stops: a rule is an artifact, so a
		 * screen reader reads "Purpose, 3", not a row of dots. */
		const txt_line *last = &tp->t->lines[tp->nlines - 1];
		double end = x + numw + last->x + last->width + 4;
		double dots_end = L->x0 + L->width - pagew + 4;
		const double pitch = 4.5;
		double start = ceil(end / pitch) * pitch;
		int ndots = (int)((dots_end - start) / pitch);
		if (ndots > 0) {
			const double dot = 1.1; /* diameter, points: a full stop's at body size */
			double base = L->y + last->baseline - dot / 2;
			emit(L, (lay_op){.kind = OP_LINE, .x = start + pitch / 2, .y = base, .w = (ndots - 1) * pitch,
					 .lw = dot, .dots = pitch, .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
		}
		emit_text(L, pp, 0, pp->nlines, L->x0 + L->width - pagew, L->y + tp->t->lines[tp->nlines - 1].top, "", NULL);
		emit(L, (lay_op){.kind = OP_TAG_END, .tag = "Link"});
		tag_end(L, "Reference");
		tag_end(L, "TOCI");
		L->y += hgt + 5;
	}
	tag_end(L, "TOC");
	tag_end(L, "Sect");
	g_array_free(ents, TRUE);
}

/* ---- Running header and footer -------------------------------------- */

void place_furniture(lay *L, lay_page *p, int index, int last_no)
{
	L->page = p;
	p->furniture = p->ops->len;
	L->lang = p->lang;
	const pps_style *st = L->st;
	char *title = NULL;
	const char *t1 = doc_title(L);
	char *yr = tpl_year(L->t, L->lang, L->d->year_start);
	title = g_strdup_printf("%s %s", t1, yr);
	g_free(yr);
	if (p->bilingual) {
		pps_lang other = L->lang == L->opt->langs[0] ? L->opt->langs[1] : L->opt->langs[0];
		pps_lang save = L->lang;
		L->lang = other;
		char *yr2 = tpl_year(L->t, other, L->d->year_start);
		char *t2 = g_strdup_printf("%s / %s %s", title, doc_title(L), yr2);
		g_free(yr2);
		L->lang = save;
		g_free(title);
		title = t2;
	}
	if (L->opt->agenda_item) {
		char *ag = tpl_format(L->t, L->lang, "agenda-line", "appendix", L->opt->agenda_appendix ? L->opt->agenda_appendix : "",
				      "item", L->opt->agenda_item, NULL);
		if (p->bilingual) { /* "Atodiad 5 i eitem 4a ar yr agenda / Appendix 5 to agenda item 4a" */
			pps_lang other = L->lang == L->opt->langs[0] ? L->opt->langs[1] : L->opt->langs[0];
			char *ag2 = tpl_format(L->t, other, "agenda-line", "appendix",
					       L->opt->agenda_appendix ? L->opt->agenda_appendix : "", "item", L->opt->agenda_item, NULL);
			char *both = g_strdup_printf("%s / %s", ag, ag2);
			g_free(ag);
			g_free(ag2);
			ag = both;
		}
		char *t2 = g_strdup_printf("%s — %s", title, ag);
		g_free(title);
		g_free(ag);
		title = t2;
	}
	double hw = L->width - st->stamp_zone;
	if (p->cover && L->opt->agenda_item) {
		/* The cover of a statement attached to an agenda says where it
		 * belongs ("Appendix 5 to agenda item 4a"), as every page after it. */
		const char *ag = strstr(title, " — ");
		para *ap = str_para(L, ag + strlen(" — "), hw, st->header_size, false, false);
		emit_text(L, ap, 0, MIN(ap->nlines, 2), L->x0, st->header_offset, NULL, L->st->primary);
	}
	if (!p->front && !p->blank) {
		/* The same header on page after page: shape it once. */
		if (!L->header || strcmp(L->header_text, title) != 0) {
			L->header = str_para(L, title, hw, st->header_size, false, false);
			L->header_text = arena_strdup(L->b->arena, title);
		}
		para *hp = L->header;
		emit_text(L, hp, 0, MIN(hp->nlines, 2), L->x0, st->header_offset, NULL, L->st->primary);
		emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = st->margin_top - 8, .w = hw, .lw = 0.4,
				 .rgb = {st->rule[0], st->rule[1], st->rule[2]}});
	}
	g_free(title);
	if (st->page_numbers) {
		char num[16], tot[16];
		char *s;
		if (p->front && !L->pack)
			s = g_strdup(p->label);
		else {
			/* In an agenda pack (--first-page N > 1) the pack's own total is
			 * unknown here: "Page 27", never "Page 27 of 27".  Otherwise
			 * "of" the document's last body page, so every part of a
			 * sequential document counts the same pages. */
			const char *form = L->opt->first_page > 1 ? "page-x" : "page-x-of-y";
			g_snprintf(num, sizeof num, "%d", p->number);
			g_snprintf(tot, sizeof tot, "%d", last_no);
			s = tpl_format(L->t, L->lang, form, "page", num, "pages", tot, NULL);
			if (p->bilingual) {
				pps_lang other = L->lang == L->opt->langs[0] ? L->opt->langs[1] : L->opt->langs[0];
				char *s2 = tpl_format(L->t, other, form, "page", num, "pages", tot, NULL);
				char *s3 = g_strdup_printf("%s / %s", s, s2);
				g_free(s);
				g_free(s2);
				s = s3;
			}
		}
		para *fp = str_para(L, s, L->width, st->header_size, false, true);
		emit_text(L, fp, 0, fp->nlines, L->x0, st->page_h - st->footer_offset - para_h(fp), NULL, L->st->text);
		g_free(s);
	}
	if (p->blank) {
		L->y = st->page_h / 2 - 20;
		rich br;
		rich_init(&br);
		rich_add_str(&br, tpl_label(L->t, L->lang, "blank-page"));
		if (L->opt->nlangs > 1 && L->opt->mode != LAYOUT_SINGLE) { /* a bilingual document's blank page says so in both */
			pps_lang other = L->lang == L->opt->langs[0] ? L->opt->langs[1] : L->opt->langs[0];
			rich_add_str(&br, "\n");
			rich_add_str(&br, tpl_label(L->t, other, "blank-page"));
		}
		para *bp = make_para_x(L, &br, L->width, st->body_size, false, TXT_CENTER, 0);
		emit_text(L, bp, 0, bp->nlines, L->x0, L->y, NULL, L->st->rule);
	}
	(void)index;
}

char *roman(int n)
{
	static const struct {
		int v;
		const char *s;
	} t[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
		 {40, "xl"},   {10, "x"},    {9, "ix"},   {5, "v"},    {4, "iv"},   {1, "i"}};
	GString *s = g_string_new(NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(t); i++)
		while (n >= t[i].v) {
			g_string_append(s, t[i].s);
			n -= t[i].v;
		}
	return g_string_free(s, FALSE);
}

