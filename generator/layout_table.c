/* layout_table.c — tables: each cell shaped once, columns sized to their
 * content (gt_fit), rows broken between pages with the header repeated;
 * and the tables the statement generates from its data (scales, posts,
 * multiples, the gender pay gap, senior pay, proposals, compliance). */
#include "layout_int.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "phrases.h"
#include "rules.h"

gtable *gt_new(lay *L, int ncols, int nrows, int nhead)
{
	gtable *g = arena_alloc(L->b->arena, sizeof *g);
	g->ncols = ncols;
	g->nrows = nrows;
	g->nhead = nhead;
	g->w = arena_array(L->b->arena, (size_t)ncols, sizeof(double));
	g->wt = arena_array(L->b->arena, (size_t)ncols, sizeof(double));
	for (int c = 0; c < ncols; c++)
		g->wt[c] = 1;
	g->align = arena_alloc(L->b->arena, (size_t)ncols + 1);
	memset(g->align, 'l', (size_t)ncols);
	g->cell = arena_array(L->b->arena, (size_t)(ncols * nrows), sizeof(para *));
	g->hang = arena_array(L->b->arena, (size_t)(ncols * nrows), sizeof(double));
	g->group = arena_array(L->b->arena, (size_t)nrows, sizeof(bool));
	g->dim = arena_array(L->b->arena, (size_t)nrows, sizeof(bool));
	g->size = L->st->table_size;
	if (nhead > 1) { /* spans only in a head of two or more rows */
		g->span = arena_array(L->b->arena, (size_t)(ncols * nhead), 1);
		g->rspan = arena_array(L->b->arena, (size_t)(ncols * nhead), 1);
		g->covered = arena_array(L->b->arena, (size_t)(ncols * nhead), sizeof(bool));
	}
	return g;
}

/* A head cell over `cols` columns and `rows` head rows; the cells it covers
 * stay empty. */
static void gt_span(gtable *g, int row, int col, int cols, int rows)
{
	g_assert(g->span && row + rows <= g->nhead && col + cols <= g->ncols);
	g->span[row * g->ncols + col] = (unsigned char)cols;
	g->rspan[row * g->ncols + col] = (unsigned char)rows;
	for (int r = row; r < row + rows; r++)
		for (int c = col; c < col + cols; c++)
			if (r != row || c != col)
				g->covered[r * g->ncols + c] = true;
}

static int gt_cols_of(const gtable *g, int row, int col)
{
	return g->span && row < g->nhead && g->span[row * g->ncols + col] > 1 ? g->span[row * g->ncols + col] : 1;
}

static int gt_rows_of(const gtable *g, int row, int col)
{
	return g->span && row < g->nhead && g->rspan[row * g->ncols + col] > 1 ? g->rspan[row * g->ncols + col] : 1;
}

static bool gt_covered(const gtable *g, int row, int col)
{
	return g->covered && row < g->nhead && g->covered[row * g->ncols + col];
}

/* An author's relative column widths (<col width>): how the room beyond
 * the columns' minimums is shared when the table must wrap. */
void gt_weights(gtable *g, const double *weights)
{
	for (int c = 0; c < g->ncols; c++)
		g->wt[c] = weights && weights[c] > 0 ? weights[c] : 1;
}

void gt_set(lay *L, gtable *g, int row, int col, const char *s)
{
	if (!s || !*s)
		return; /* an empty cell needs no layout: it is still tagged (gt_draw_row) */
	bool head = row < g->nhead;
	g->cell[row * g->ncols + col] = str_para(L, s, -1, g->size, head, g->align[col] == 'r');
}

static void gt_set_ml(lay *L, gtable *g, int row, int col, const pps_ml *m)
{
	bool head = row < g->nhead;
	g->cell[row * g->ncols + col] = ml_para(L, m, -1, g->size, head, g->align[col] == 'r');
}

/* A figure with a note mark after it ("86,134****"): the mark hangs to the
 * right of the column's figures, which stay aligned on their last digit. */
static void gt_set_marked(lay *L, gtable *g, int row, int col, const char *fig, const char *mark)
{
	if (!mark || !*mark) {
		gt_set(L, g, row, col, fig);
		return;
	}
	char *s = g_strconcat(fig, mark, NULL);
	gt_set(L, g, row, col, s);
	g_free(s);
	para *m = str_para(L, mark, -1, g->size, row < g->nhead, false);
	g->hang[row * g->ncols + col] = txt_natural_width(m->t);
}

/* Replaces a cell's shaped text (the book owns every txt_para). */
static void para_replace(lay *L, para *p, txt_para *t)
{
	g_hash_table_remove(L->b->layouts, p->t);
	g_hash_table_add(L->b->layouts, t);
	p->t = t;
	p->nlines = t->nlines;
}

/* A column's widths, points, padding included: lo, its widest unbreakable
 * piece; mid, its body cells unwrapped (heads may wrap); hi, every cell
 * unwrapped.  The widest hanging mark in *hang. */
static void gt_column_range(const gtable *g, int c, double *lo, double *mid, double *hi, double *hang)
{
	double mn = 0, body = 0, mx = 0, hg = 0;
	for (int r = 0; r < g->nrows; r++) {
		const para *p = g->cell[r * g->ncols + c];
		if (!p || gt_cols_of(g, r, c) > 1)
			continue; /* a head over several columns is fitted over them (gt_span_widths) */
		double h = g->align[c] == 'r' ? g->hang[r * g->ncols + c] : 0;
		double nat = txt_natural_width(p->t) - h;
		mn = MAX(mn, p->t->min_width - h);
		mx = MAX(mx, nat);
		if (r >= g->nhead)
			body = MAX(body, nat);
		hg = MAX(hg, h);
	}
	double pad = hg + 2 * CELL_PAD_X;
	*lo = mn + pad;
	*mid = MAX(body, mn) + pad;
	*hi = MAX(mx, mn) + pad;
	*hang = hg;
}

/* A head over several columns widens them, evenly, where the columns'
 * own content is narrower than its widest word (lo) or its unwrapped
 * text (hi); mid is kept between the two. */
static void gt_span_widths(const gtable *g, double *lo, double *mid, double *hi)
{
	if (!g->span)
		return;
	for (int r = 0; r < g->nhead; r++)
		for (int c = 0; c < g->ncols; c++) {
			int n = gt_cols_of(g, r, c);
			const para *p = g->cell[r * g->ncols + c];
			if (n < 2 || !p)
				continue;
			double slo = 0, shi = 0;
			for (int k = c; k < c + n; k++)
				slo += lo[k], shi += hi[k];
			double need_lo = p->t->min_width + 2 * CELL_PAD_X;
			double need_hi = txt_natural_width(p->t) + 2 * CELL_PAD_X;
			for (int k = c; k < c + n; k++) {
				if (need_lo > slo)
					lo[k] += (need_lo - slo) / n;
				if (need_hi > shi)
					hi[k] += (need_hi - shi) / n;
				hi[k] = MAX(hi[k], lo[k]);
				mid[k] = MIN(MAX(mid[k], lo[k]), hi[k]);
			}
		}
}

/* Widths from `from` towards `to` (per column), sharing `room` points in
 * proportion to what each lacks, times its weight. */
static void gt_share(gtable *g, const double *from, const double *to, double room)
{
	double lack = 0;
	for (int c = 0; c < g->ncols; c++)
		lack += (to[c] - from[c]) * g->wt[c];
	for (int c = 0; c < g->ncols; c++)
		g->w[c] = from[c] + (lack > 0 ? room * (to[c] - from[c]) * g->wt[c] / lack : 0);
}

/* A column with nothing in any body row (the Grade column of a scale with
 * no grades) is not drawn. */
static bool gt_column_empty(const gtable *g, int c)
{
	if (g->nrows <= g->nhead)
		return false;
	for (int r = g->nhead; r < g->nrows; r++)
		if (g->cell[r * g->ncols + c])
			return false;
	return true;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The width cap (points) that fills `avail` when each column takes the
 * lesser of its minimum lo[c] and the cap: the narrow columns' minimums are
 * kept whole and the rest share what is left evenly.  Columns of width 0
 * (not drawn) take nothing. */
static double gt_break_cap(const double *lo, int nc, double avail)
{
	double *v = g_memdup2(lo, sizeof(double) * (size_t)nc);
	qsort(v, (size_t)nc, sizeof(double), cmp_double);
	int k = 0;
	for (int c = 0; c < nc; c++)
		k += v[c] > 0;
	double rem = avail, cap = avail;
	for (int c = 0; c < nc; c++) {
		if (v[c] <= 0)
			continue;
		if (v[c] * k > rem) {
			cap = rem / k;
			break;
		}
		rem -= v[c];
		k--;
	}
	g_free(v);
	return cap;
}

/* Sizes the table's columns to its content in `avail` points, as CSS 2.1's
 * automatic table layout does, with a typesetter's order: each column at
 * least its widest unbreakable word or figure; then, room allowing, body
 * cells unwrapped (heads may wrap); then heads unwrapped, and no wider: a
 * table with narrow content is not stretched.  Room short of a level goes
 * to the columns in proportion to what they lack (times their <col width>).
 * When even the minimums do not fit, the type is set smaller, down to the
 * style's table-min-size; if that is not enough either, the table is
 * returned unfitted (false) unless `may_break`, where words are broken
 * (between characters, never inside a figure or a Welsh digraph). */
bool gt_fit(lay *L, gtable *g, double avail, bool may_break)
{
	int nc = g->ncols;
	double *lo = g_new0(double, (size_t)nc), *mid = g_new0(double, (size_t)nc);
	double *hi = g_new0(double, (size_t)nc), *hg = g_new0(double, (size_t)nc);
	bool fits = false;
	double sum_lo, sum_mid, sum_hi;
	for (;;) {
		sum_lo = sum_mid = sum_hi = 0;
		for (int c = 0; c < nc; c++) {
			lo[c] = mid[c] = hi[c] = hg[c] = 0;
			if (!gt_column_empty(g, c))
				gt_column_range(g, c, &lo[c], &mid[c], &hi[c], &hg[c]);
		}
		gt_span_widths(g, lo, mid, hi);
		for (int c = 0; c < nc; c++) {
			sum_lo += lo[c];
			sum_mid += mid[c];
			sum_hi += hi[c];
		}
		if (sum_lo <= avail + 0.01) {
			fits = true;
			break;
		}
		double min_size = L->st->table_min_size;
		if (g->size <= min_size + 0.01)
			break;
		/* Glyph widths scale with the type; pads do not.  Half points. */
		double pads = 0;
		for (int c = 0; c < nc; c++)
			pads += lo[c] > 0 ? 2 * CELL_PAD_X : 0;
		double want = g->size * (avail - pads) / MAX(sum_lo - pads, 1);
		double size = MAX(min_size, MIN(g->size - 0.5, floor(want * 2) / 2));
		for (int k = 0; k < g->nrows * nc; k++) {
			para *p = g->cell[k];
			if (p)
				para_replace(L, p, txt_reshape(L->f->ctx, p->t, -1, size));
			if (p && g->hang[k] > 0)
				g->hang[k] *= size / g->size;
		}
		g->size = size;
	}
	if (!fits && !may_break) {
		g_free(lo), g_free(mid), g_free(hi), g_free(hg);
		return false;
	}
	if (!fits) {
		/* Too wide even in the smallest type: the columns whose widest
		 * word fits a fair share keep it, and only those with an overlong
		 * one (a long compound, a URL) are cut to the same cap and broken,
		 * rather than every column's words (gt_break_cap). */
		double cap = gt_break_cap(lo, nc, avail);
		for (int c = 0; c < nc; c++)
			g->w[c] = MIN(lo[c], cap);
	} else if (sum_hi <= avail + 0.01) {
		memcpy(g->w, hi, sizeof(double) * (size_t)nc);
	} else if (sum_mid <= avail + 0.01) {
		gt_share(g, mid, hi, avail - sum_mid);
	} else {
		gt_share(g, lo, mid, avail - sum_lo);
	}
	g->total_w = 0;
	for (int c = 0; c < nc; c++) {
		g->total_w += g->w[c];
		for (int r = 0; r < g->nrows; r++) {
			para *p = g->cell[r * nc + c];
			if (!p)
				continue;
			if (g->w[c] <= 0) { /* a dropped column's head */
				g->cell[r * nc + c] = NULL;
				continue;
			}
			double h = g->align[c] == 'r' ? g->hang[r * nc + c] : 0;
			double measure = g->w[c] - 2 * CELL_PAD_X - hg[c] + h;
			if (gt_cols_of(g, r, c) > 1) {
				measure = -2 * CELL_PAD_X;
				for (int k = c; k < c + gt_cols_of(g, r, c); k++)
					measure += g->w[k];
			}
			if (txt_natural_width(p->t) <= measure + 0.01)
				txt_set_measure(p->t, measure);
			else
				para_replace(L, p, txt_reshape(L->f->ctx, p->t, measure, 0));
		}
	}
	g->fitted = true;
	g_free(lo), g_free(mid), g_free(hi), g_free(hg);
	return true;
}

/* The header row from label ids, one per column, NULL-terminated. */
static void gt_head(lay *L, gtable *g, ...)
{
	va_list ap;
	va_start(ap, g);
	int c = 0;
	for (const char *id; (id = va_arg(ap, const char *)) && c < g->ncols;)
		gt_set(L, g, 0, c++, lbl(L, id));
	va_end(ap);
}

double gt_row_h(const gtable *g, int row)
{
	if (g->force_h)
		return g->force_h[row];
	double h = 0;
	for (int c = 0; c < g->ncols; c++) {
		const para *p = g->cell[row * g->ncols + c];
		if (p && gt_rows_of(g, row, c) == 1 && para_h(p) > h)
			h = para_h(p);
	}
	/* A head cell over rows r0..row: the last of them takes what the
	 * rows above leave short of its text. */
	for (int r0 = 0; g->span && r0 < row && row < g->nhead; r0++) {
		double above = 0;
		for (int r = r0; r < row; r++)
			above += gt_row_h(g, r);
		for (int c = 0; c < g->ncols; c++) {
			const para *p = g->cell[r0 * g->ncols + c];
			if (p && r0 + gt_rows_of(g, r0, c) - 1 == row)
				h = MAX(h, para_h(p) - above);
		}
	}
	return h + 2 * CELL_PAD_Y;
}

double gt_head_h(const gtable *g)
{
	double h = 0;
	for (int r = 0; r < g->nhead; r++)
		h += gt_row_h(g, r);
	return h;
}

/* The head and the first body row, points: what must start on one page. */
static double gt_head_row_h(const gtable *g)
{
	return gt_head_h(g) + (g->nrows > g->nhead ? gt_row_h(g, g->nhead) : 0);
}

static double gt_min_h(const gtable *g)
{
	return gt_head_row_h(g) + (g->caption ? para_h(g->caption) + 4 : 0) + (g->caption2 ? para_h(g->caption2) : 0);
}

/* What of a table must fit where it starts: all of it to its first row,
 * or of a tall caption its first two lines. */
static double gt_start_h(lay *L, const gtable *g)
{
	return gt_caption_tall(L, g) ? txt_height(g->caption->t, 0, MIN(2, g->caption->nlines)) : gt_min_h(g);
}

/* Draws row r at the cursor; tagged TR > TH/TD unless `artifact`. */
void gt_draw_row(lay *L, const gtable *g, int r, bool artifact, bool band)
{
	double h = gt_row_h(g, r);
	bool head = r < g->nhead;
	if (head)
		emit(L, (lay_op){.kind = OP_RECT, .x = L->x0, .y = L->y, .w = g->total_w, .h = h,
				 .rgb = {L->st->table_head[0], L->st->table_head[1], L->st->table_head[2]}});
	else if (band)
		emit(L, (lay_op){.kind = OP_RECT, .x = L->x0, .y = L->y, .w = g->total_w, .h = h,
				 .rgb = {L->st->table_band[0], L->st->table_band[1], L->st->table_band[2]}});
	if (!head && g->group[r])
		emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = L->y, .w = g->total_w, .lw = 0.8,
				 .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
	if (!artifact)
		tag_begin(L, "TR");
	double x = L->x0;
	static const double dimmed[3] = {0.36, 0.36, 0.36}; /* #5c5c5c: 6.7:1 on white */
	/* Within a head of two rows, a rule only under a head over several
	 * columns ("Basic + 8%" over Salary and Hourly rate); the full rule
	 * under the last head row. */
	bool upper = head && r < g->nhead - 1;
	for (int c = 0; c < g->ncols; c++) {
		if (g->w[c] <= 0 || gt_covered(g, r, c)) {
			x += MAX(g->w[c], 0);
			continue; /* a dropped column, or a cell inside a span: neither drawn nor tagged */
		}
		int ncov = gt_cols_of(g, r, c), nrow = gt_rows_of(g, r, c);
		double w = 0;
		for (int k = c; k < c + ncov; k++)
			w += MAX(g->w[k], 0);
		para *p = g->cell[r * g->ncols + c];
		const char *leaf = artifact ? NULL : head || (c == 0 && g->row_headers) ? "TH" : "TD";
		int cs = artifact || ncov < 2 ? 0 : ncov, rs = artifact || nrow < 2 ? 0 : nrow;
		if (p && p->nlines) {
			lay_op op = {.kind = OP_TEXT, .txt = p->t, .line0 = 0, .line1 = p->nlines,
				     .x = x + CELL_PAD_X, .y = L->y + CELL_PAD_Y, .leaf = leaf, .links = p->links,
				     .nlinks = p->nlinks, .spans = p->spans, .nspans = p->nspans,
				     .lang = para_lang_tag(L, p), .h = para_h(p), .w = w,
				     .colspan = cs, .rowspan = rs};
			op.scope = !artifact && head ? "Column" : !artifact && leaf && !strcmp(leaf, "TH") ? "Row" : NULL;
			memcpy(op.rgb, c == 0 && g->dim[r] ? dimmed : L->st->text, sizeof op.rgb);
			emit(L, op);
		} else if (!artifact) {
			/* An empty cell is still a cell: keep rows regular for screen readers. */
			emit(L, (lay_op){.kind = OP_TAG_BEGIN, .tag = leaf, .scope = head ? "Column" : NULL,
					 .colspan = cs, .rowspan = rs});
			emit(L, (lay_op){.kind = OP_TAG_END, .tag = leaf});
		}
		if (upper && ncov > 1)
			emit(L, (lay_op){.kind = OP_LINE, .x = x + CELL_PAD_X, .y = L->y + h, .w = w - 2 * CELL_PAD_X,
					 .lw = 0.3, .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
		x += w;
		c += ncov - 1;
	}
	if (!artifact)
		tag_end(L, "TR");
	L->y += h;
	if (!upper)
		emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = L->y, .w = g->total_w, .lw = head ? 0.8 : 0.3,
				 .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
}

/* Chars of a tall caption (gt_caption_tall) that its repetition on the
 * table's later pages carries at most (an artifact: the caption is read
 * once, where it is whole): it is cut at a space before them, with "…". */
#define CONT_CAPTION_CHARS 120

/* The caption repeated over a table's later pages, shaped once. */
static para *gt_cont_caption(lay *L, gtable *g)
{
	if (!g->cont) {
		const char *t = g->caption_text;
		char *cut = NULL;
		if (gt_caption_tall(L, g) && g_utf8_strlen(t, -1) > CONT_CAPTION_CHARS) {
			const char *end = g_utf8_offset_to_pointer(t, CONT_CAPTION_CHARS), *sp = end;
			while (sp > t && *sp != ' ')
				sp--;
			cut = g_strdup_printf("%.*s…", (int)((sp > t ? sp : end) - t), t);
			t = cut;
		}
		char *s = tpl_format(L->t, L->lang, "continued", "title", t, NULL);
		g->cont = str_para(L, s, L->width, g->size, true, false);
		g_free(s);
		g_free(cut);
	}
	return g->cont;
}

/* A caption too tall for an empty page with the table's head and first
 * row: it is placed line by line, over as many pages as it takes
 * (gt_caption_lines), and the table follows it. */
bool gt_caption_tall(lay *L, const gtable *g)
{
	if (!g->caption)
		return false;
	return gt_min_h(g) > L->bottom - L->top + 0.01;
}

/* A tall caption from the cursor (one Caption, each page's part a Span;
 * the second language's after the first's), then the table's head and
 * first row on a page of their own if they do not fit below it. */
void gt_caption_lines(lay *L, gtable *g)
{
	tag_begin(L, "Caption");
	place_lines(L, g->caption, L->x0, "Span", L->st->primary);
	if (g->caption2) {
		pps_lang keep = L->lang;
		L->lang = g->cap2_lang;
		place_lines(L, g->caption2, L->x0, "Span", L->st->primary);
		L->lang = keep;
	}
	tag_end(L, "Caption");
	L->y += 4;
	if (L->y + gt_head_row_h(g) > L->bottom + 0.01)
		new_page(L);
}

/* Height (points) the caption takes on the table's first or a later page. */
double gt_caption_h(lay *L, gtable *g, bool continued)
{
	if (!g->caption)
		return 0;
	if (continued)
		return para_h(gt_cont_caption(L, g)) + 4;
	return para_h(g->caption) + (g->caption2 ? para_h(g->caption2) : 0) + 4;
}

void gt_caption(lay *L, gtable *g, bool continued)
{
	if (!g->caption)
		return;
	if (!continued && g->caption2) {
		/* One Caption, a Span in each language. */
		tag_begin(L, "Caption");
		emit_text(L, g->caption, 0, g->caption->nlines, L->x0, L->y, "Span", L->st->primary);
		L->y += para_h(g->caption);
		pps_lang keep = L->lang;
		L->lang = g->cap2_lang;
		emit_text(L, g->caption2, 0, g->caption2->nlines, L->x0, L->y, "Span", L->st->primary);
		L->lang = keep;
		L->y += para_h(g->caption2) + 4;
		tag_end(L, "Caption");
		return;
	}
	if (!continued) {
		emit_text(L, g->caption, 0, g->caption->nlines, L->x0, L->y, "Caption", L->st->primary);
		L->y += para_h(g->caption) + 4;
		return;
	}
	para *p = gt_cont_caption(L, g);
	emit_text(L, p, 0, p->nlines, L->x0, L->y, NULL, L->st->primary);
	L->y += para_h(p) + 4;
}

/* ---- Rows taller than a page ----------------------------------------- */

/* A body row too tall for any page is drawn in parts, a page each: each
 * part holds the lines of every cell that fit there.  The parts make one
 * TR, and each cell one TD (or TH) whose parts are leaves (Span), one per
 * page (the later parts continue the first: lay_op.cont). */
gt_split *gt_split_new(lay *L, const gtable *g)
{
	gt_split *s = arena_alloc(L->b->arena, sizeof *s);
	memset(s, 0, sizeof *s);
	s->from = arena_array(L->b->arena, (size_t)g->ncols, sizeof(int));
	s->to = arena_array(L->b->arena, (size_t)g->ncols, sizeof(int));
	s->cell_id = arena_array(L->b->arena, (size_t)g->ncols, sizeof(int));
	return s;
}

static const para *gt_split_cell(const gtable *g, int r, int c)
{
	if (g->w[c] <= 0 || gt_covered(g, r, c))
		return NULL;
	const para *p = g->cell[r * g->ncols + c];
	return p && p->nlines ? p : NULL;
}

/* The lines of row r's cells that fit in avail points of text (s->to);
 * returns their height, points, without the cell padding.  With `force`
 * one line of each unfinished cell at least. */
double gt_split_fit(const gtable *g, int r, gt_split *s, double avail, bool force)
{
	double h = 0;
	for (int c = 0; c < g->ncols; c++) {
		const para *p = gt_split_cell(g, r, c);
		int j = s->from[c];
		if (p) {
			while (j < p->nlines && txt_height(p->t, s->from[c], j + 1) <= avail + 0.01)
				j++;
			if (j == s->from[c] && force && j < p->nlines)
				j++;
			h = MAX(h, txt_height(p->t, s->from[c], j));
		}
		s->to[c] = j;
	}
	return h;
}

/* Does the part s->to hold a line that is not drawn yet? */
bool gt_split_moves(const gtable *g, const gt_split *s)
{
	for (int c = 0; c < g->ncols; c++)
		if (s->to[c] > s->from[c])
			return true;
	return false;
}

bool gt_split_done(const gtable *g, int r, const gt_split *s)
{
	for (int c = 0; c < g->ncols; c++) {
		const para *p = gt_split_cell(g, r, c);
		if (p && s->from[c] < p->nlines)
			return false;
	}
	return true;
}

/* Draws the part s->from..s->to of row r at the cursor, h points tall
 * (padding included), and moves s->from on. */
void gt_split_draw(lay *L, const gtable *g, int r, gt_split *s, double h, bool band)
{
	if (band)
		emit(L, (lay_op){.kind = OP_RECT, .x = L->x0, .y = L->y, .w = g->total_w, .h = h,
				 .rgb = {L->st->table_band[0], L->st->table_band[1], L->st->table_band[2]}});
	if (!s->row_id && g->group[r])
		emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = L->y, .w = g->total_w, .lw = 0.8,
				 .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
	bool first = !s->row_id;
	s->row_id = tag_continue(L, "TR", s->row_id);
	double x = L->x0;
	for (int c = 0; c < g->ncols; c++) {
		if (g->w[c] <= 0 || gt_covered(g, r, c)) {
			x += MAX(g->w[c], 0);
			continue;
		}
		int ncov = gt_cols_of(g, r, c);
		double w = 0;
		for (int k = c; k < c + ncov; k++)
			w += MAX(g->w[k], 0);
		const char *leaf = c == 0 && g->row_headers ? "TH" : "TD";
		s->cell_id[c] = tag_continue(L, leaf, s->cell_id[c]);
		if (first && ncov > 1)
			g_array_index(L->page->ops, lay_op, L->page->ops->len - 1).colspan = ncov;
		if (first && c == 0 && g->row_headers)
			g_array_index(L->page->ops, lay_op, L->page->ops->len - 1).scope = "Row";
		const para *p = gt_split_cell(g, r, c);
		if (p && s->to[c] > s->from[c]) {
			lay_op op = {.kind = OP_TEXT, .txt = p->t, .line0 = s->from[c], .line1 = s->to[c],
				     .x = x + CELL_PAD_X, .y = L->y + CELL_PAD_Y, .leaf = "Span", .links = p->links,
				     .nlinks = p->nlinks, .spans = p->spans, .nspans = p->nspans,
				     .lang = para_lang_tag(L, p), .h = txt_height(p->t, s->from[c], s->to[c]), .w = w};
			memcpy(op.rgb, L->st->text, sizeof op.rgb);
			emit(L, op);
		}
		tag_end(L, leaf);
		s->from[c] = s->to[c];
		x += w;
		c += ncov - 1;
	}
	tag_end(L, "TR");
	L->y += h;
	emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = L->y, .w = g->total_w, .lw = 0.3,
			 .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
}

/* Room for body rows on a page that begins with the continued caption and
 * the repeated head, points. */
double gt_page_room(lay *L, gtable *g)
{
	return L->bottom - L->top - gt_caption_h(L, g, true) - gt_head_h(g);
}

/* The next page of a table: its continued caption, its head as artifacts. */
static void gt_break(lay *L, gtable *g)
{
	new_page(L);
	gt_caption(L, g, true);
	/* Repeated header rows are artifacts: screen readers read them once. */
	for (int h = 0; h < g->nhead; h++)
		gt_draw_row(L, g, h, true, false);
}

/* Row r, taller than any page, in parts from the cursor on.  It starts on
 * the next page when less than a quarter of a page is left here. */
static void gt_place_tall_row(lay *L, gtable *g, int r, bool band)
{
	gt_split *s = gt_split_new(L, g);
	bool fresh = false;
	if (L->bottom - L->y < 0.25 * gt_page_room(L, g)) {
		gt_break(L, g);
		fresh = true;
	}
	for (;;) {
		double th = gt_split_fit(g, r, s, L->bottom - L->y - 2 * CELL_PAD_Y, fresh);
		if (!gt_split_moves(g, s)) {
			gt_break(L, g);
			fresh = true;
			continue;
		}
		gt_split_draw(L, g, r, s, th + 2 * CELL_PAD_Y, band);
		if (gt_split_done(g, r, s))
			return;
		gt_break(L, g);
		fresh = true;
	}
}

void gt_place(lay *L, gtable *g)
{
	if (!g->fitted)
		gt_fit(L, g, L->width, true);
	if (L->y + gt_start_h(L, g) > L->bottom && L->y > L->top + 0.01)
		new_page(L);
	tag_begin(L, "Table");
	if (gt_caption_tall(L, g))
		gt_caption_lines(L, g);
	else
		gt_caption(L, g, false);
	if (g->nhead) {
		tag_begin(L, "THead");
		for (int r = 0; r < g->nhead; r++)
			gt_draw_row(L, g, r, false, false);
		tag_end(L, "THead");
	}
	tag_begin(L, "TBody");
	int group_no = 0, page_first = g->nhead;
	double tail = g->keep_after; /* rows r.. plus what must follow them */
	for (int r = g->nhead; r < g->nrows; r++)
		tail += gt_row_h(g, r);
	for (int r = g->nhead; r < g->nrows; r++) {
		if (g->group[r])
			group_no++;
		/* The last two rows go over with their note rather than leave it
		 * alone at the top of a page. */
		bool keep = g->keep_after > 0 && r >= g->nrows - 2 && r > page_first &&
			    L->y + tail > L->bottom + 0.01;
		tail -= gt_row_h(g, r);
		if (gt_row_h(g, r) > gt_page_room(L, g) + 0.01) {
			page_first = r;
			gt_place_tall_row(L, g, r, group_no % 2 == 0);
			continue;
		}
		if (keep || L->y + gt_row_h(g, r) > L->bottom + 0.01) {
			page_first = r;
			gt_break(L, g);
		}
		gt_draw_row(L, g, r, false, group_no % 2 == 0);
	}
	tag_end(L, "TBody");
	tag_end(L, "Table");
	L->y += L->st->para_space;
}

/* ---- Generated tables ----------------------------------------------- */

const char *ml_plain(lay *L, const pps_ml *m)
{
	if (L->bi_labels && ml_has(m, L->opt->langs[0]) && ml_has(m, L->opt->langs[1]))
		return bi_join(L, text_plain(L->b->arena, &m->tx[L->opt->langs[0]]),
				    text_plain(L->b->arena, &m->tx[L->opt->langs[1]]));
	return text_plain(L->b->arena, ml_text(m, L->lang));
}

/* A label in the current language, or "Welsh / English" in a full-width
 * table of the parallel layout. */
const char *lbl(lay *L, const char *id)
{
	if (L->bi_labels)
		return bi_join(L, tpl_label(L->t, L->opt->langs[0], id),
				    tpl_label(L->t, L->opt->langs[1], id));
	return tpl_label(L->t, L->lang, id);
}

char *label(lay *L, const char *id) { return g_strdup(lbl(L, id)); }

bool ml_both(const lay *L, const pps_ml *m)
{
	return ml_has(m, L->opt->langs[0]) && ml_has(m, L->opt->langs[1]);
}

/* The caption from m: in the current language, or, for a full-width
 * table of the parallel layout, in both (one under the other). */
void gt_caption_ml(lay *L, gtable *g, const pps_ml *m)
{
	if (L->bi_labels && ml_both(L, m)) {
		pps_lang keep = L->lang;
		para *p[2];
		for (int k = 0; k < 2; k++) {
			L->lang = L->opt->langs[k];
			p[k] = text_para(L, ml_text(m, L->lang), L->width, L->st->table_size, true, false);
		}
		L->lang = keep;
		g->caption = p[0];
		g->caption2 = p[1];
		g->cap2_lang = L->opt->langs[1];
		g->caption_text = ml_plain(L, m);
		return;
	}
	g->caption = ml_para(L, m, L->width, L->st->table_size, true, false);
	if (g->caption)
		g->caption_text = ml_plain(L, m);
}

gtable *scale_table(lay *L, const pps_scale *s, const pps_scale_fig *sf)
{
	/* basic hourly rate; each supplement's salary, and hourly rate */
	int extra_supp = s->rates ? 1 + 2 * s->nsupps : s->nsupps;
	int ncols = 2 + s->ncols + extra_supp + s->nextra;
	bool scores = false;
	for (int i = 0; i < s->ngrades; i++)
		scores |= s->grades[i].score_to > 0;
	if (scores)
		ncols++;
	/* With hourly rates and one salary column, a head of two levels (as
	 * councils print it): each pay (the column's own name, each
	 * supplement) over its Salary and Hourly rate.  Otherwise one row,
	 * every heading complete in itself. */
	bool two = s->rates && s->ncols == 1;
	int nh = two ? 2 : 1;
	gtable *g = gt_new(L, ncols, nh + s->npoints, nh);
	g->row_headers = false;
	for (int c = 0; c < ncols; c++)
		g->align[c] = 'r';
	g->align[0] = 'l';
	int extra0 = ncols - s->nextra;
	for (int c = extra0; c < ncols; c++)
		g->align[c] = 'l';

	int c = 0;
	if (two)
		for (int k = 0; k < 1 + scores + 1; k++)
			gt_span(g, 0, k, 1, 2); /* grade, score, point */
	char *h = label(L, "col-grade");
	gt_set(L, g, 0, c++, h);
	g_free(h);
	if (scores) {
		h = label(L, "col-score");
		gt_set(L, g, 0, c++, h);
		g_free(h);
	}
	gt_set(L, g, 0, c++, ml_has(&s->point_label, LANG_EN) || ml_has(&s->point_label, LANG_CY)
				     ? ml_plain(L, &s->point_label)
				     : lbl(L, "col-point"));
	if (two) {
		const char *cn = s->col_names && (s->col_names[0].tx[0].n || s->col_names[0].tx[1].n) ? ml_plain(L, &s->col_names[0]) : lbl(L, "col-basic");
		for (int k = -1; k < s->nsupps; k++) {
			gt_span(g, 0, c, 2, 1);
			gt_set(L, g, 0, c, k < 0 ? cn : ml_plain(L, &s->supps[k]->name));
			gt_set(L, g, 1, c++, lbl(L, "col-salary"));
			gt_set(L, g, 1, c++, lbl(L, "col-hourly"));
		}
		for (int k = 0; k < s->nextra; k++) {
			gt_span(g, 0, c, 1, 2);
			gt_set(L, g, 0, c++, ml_plain(L, &s->extra_names[k]));
		}
	}
	for (int k = 0; !two && k < s->ncols; k++) {
		const char *cn = k < (int)s->ncols && s->col_names && (s->col_names[k].tx[0].n || s->col_names[k].tx[1].n)
					 ? ml_plain(L, &s->col_names[k])
					 : lbl(L, "col-basic");
		char *t = g_strdup_printf("%s\n%s", cn, lbl(L, "col-salary"));
		gt_set(L, g, 0, c++, t);
		g_free(t);
	}
	if (s->rates && !two) {
		char *t = g_strdup_printf("%s\n%s", lbl(L, "col-basic"), lbl(L, "col-hourly"));
		gt_set(L, g, 0, c++, t);
		g_free(t);
	}
	for (int k = 0; !two && k < s->nsupps; k++) {
		const char *sn = ml_plain(L, &s->supps[k]->name);
		char *t = g_strdup_printf("%s\n%s", sn, lbl(L, "col-salary"));
		gt_set(L, g, 0, c++, t);
		g_free(t);
		if (s->rates) {
			t = g_strdup_printf("%s\n%s", sn, lbl(L, "col-hourly"));
			gt_set(L, g, 0, c++, t);
			g_free(t);
		}
	}
	for (int k = 0; !two && k < s->nextra; k++)
		gt_set(L, g, 0, c++, ml_plain(L, &s->extra_names[k]));

	/* Body rows, grouped by grade. */
	const pps_grade *prev = NULL;
	for (int i = 0; i < s->npoints; i++) {
		const pps_point *pt = &s->points[i];
		const pps_point_fig *pf = sf ? &sf->pts[i] : NULL;
		int row = nh + i;
		const pps_grade *gr = NULL;
		for (int k = 0; k < s->ngrades; k++)
			if (pt->n >= s->grades[k].from && pt->n <= s->grades[k].to)
				gr = &s->grades[k];
		g->group[row] = gr != prev || i == 0;
		g->dim[row] = gr && gr == prev;
		prev = gr;
		c = 0;
		if (gr) {
			char *gname = gr->name.tx[0].n || gr->name.tx[1].n
					      ? g_strdup(ml_plain(L, &gr->name))
					      : tpl_format(L->t, L->lang, "grade-default", "id", gr->id, NULL);
			gt_set(L, g, row, c++, gname);
			g_free(gname);
		} else {
			gt_set(L, g, row, c++, "");
		}
		if (scores) {
			char *sc = gr && gr->score_to ? g_strdup_printf("%d–%d", gr->score_from, gr->score_to) : g_strdup("");
			gt_set(L, g, row, c++, sc);
			g_free(sc);
		}
		char num[16];
		g_snprintf(num, sizeof num, "%d", pt->n);
		gt_set(L, g, row, c++, num);
		for (int k = 0; k < s->ncols; k++) {
			char *m = fig_pounds(pt->salary[k]);
			gt_set_marked(L, g, row, c++, m, pt->mark);
			g_free(m);
		}
		/* without figures (a scale check refused), the computed cells are empty */
		if (s->rates) {
			char *r = pf ? fig_rate(pf->rate_e4) : NULL;
			gt_set(L, g, row, c++, r ? r : "");
			g_free(r);
		}
		for (int k = 0; k < s->nsupps; k++) {
			char *m = pf ? fig_pounds(pf->supp[k]) : NULL;
			gt_set(L, g, row, c++, m ? m : "");
			g_free(m);
			if (s->rates) {
				char *r = pf ? fig_rate(pf->supp_rate_e4[k]) : NULL;
				gt_set(L, g, row, c++, r ? r : "");
				g_free(r);
			}
		}
		for (int k = 0; k < s->nextra; k++)
			gt_set(L, g, row, c++, pt->extra[k] ? pt->extra[k] : "");
	}
	return g;
}

gtable *posts_table(lay *L)
{
	const pps_doc *d = L->d;
	int maxp = 0;
	for (int i = 0; i < d->nposts; i++)
		if (d->posts[i].npoints > maxp)
			maxp = d->posts[i].npoints;
	int ncols = 2 + maxp;
	gtable *g = gt_new(L, ncols, 1 + d->nposts, 1);
	g->row_headers = true;
	for (int c = 1; c < ncols; c++)
		g->align[c] = 'r';
	gt_head(L, g, "col-post", "col-posts", NULL);
	for (int k = 0; k < maxp; k++) {
		char n[8];
		g_snprintf(n, sizeof n, "%d", k + 1);
		char *t = tpl_format(L->t, L->bi_labels ? L->opt->langs[0] : L->lang, "col-increment", "n", n, NULL);
		char *t2 = L->bi_labels ? tpl_format(L->t, L->opt->langs[1], "col-increment", "n", n, NULL) : NULL;
		char *h = t2 ? g_strdup_printf(BI_FIRST "%s (£)" BI_END " / " BI_SECOND "%s (£)" BI_END, t, t2)
			     : g_strdup_printf("%s (£)", t);
		gt_set(L, g, 0, 2 + k, h);
		g_free(t);
		g_free(t2);
		g_free(h);
	}
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i];
		gt_set(L, g, 1 + i, 0, ml_plain(L, &p->title));
		char n[16];
		g_snprintf(n, sizeof n, "%d", p->nposts);
		gt_set(L, g, 1 + i, 1, n);
		for (int k = 0; k < maxp; k++) {
			char *m = k < p->npoints ? fig_pounds(p->points[k]) : g_strdup("");
			gt_set(L, g, 1 + i, 2 + k, m);
			g_free(m);
		}
		g->group[1 + i] = true;
	}
	return g;
}

/* The declared multiples; with a <proposal>, each one's current and
 * proposed value side by side, an undefined proposed one an en dash with
 * the reason after its method. */
gtable *multiples_table(lay *L)
{
	const pps_doc *d = L->d;
	bool prop = d->proposal.present;
	int nc = prop ? 4 : 3, mc = nc - 1; /* mc: the method column */
	gtable *g = gt_new(L, nc, 1 + d->nmultiples, 1);
	g->row_headers = true;
	/* With a proposal the second ratio's head is two lines, "Proposed" over
	 * "from 1 April 2019" (labels.xml joins the date with a no-break space). */
	double wt[4] = {2.2, 1, 3.2, 3.2};
	if (prop)
		wt[2] = 1;
	g->align[1] = 'r';
	if (prop)
		g->align[2] = 'r';
	gt_weights(g, wt);
	if (prop) {
		gt_head(L, g, "col-multiple", "col-ratio-current", NULL);
		gt_set(L, g, 0, 3, lbl(L, "col-method"));
		char *h = L->bi_labels ? NULL : phrase_proposed_head(d, L->t, L->lang);
		if (L->bi_labels) {
			char *a = phrase_proposed_head(d, L->t, L->opt->langs[0]), *b = phrase_proposed_head(d, L->t, L->opt->langs[1]);
			h = g_strdup(bi_join(L, a, b));
			g_free(a);
			g_free(b);
		}
		gt_set(L, g, 0, 2, h);
		g_free(h);
	} else {
		gt_head(L, g, "col-multiple", "col-ratio", "col-method", NULL);
	}
	for (int i = 0; i < d->nmultiples; i++) {
		const pps_multiple *m = &d->multiples[i];
		gt_set_ml(L, g, 1 + i, 0, &m->label);
		const pps_figure *f = fig_get(L->fig, m->id);
		gt_set(L, g, 1 + i, 1, f ? f->display : "");
		char *why = NULL;
		if (prop) {
			char *pid = g_strdup_printf("%s-proposed", m->id);
			const pps_figure *pf = fig_get(L->fig, pid);
			g_free(pid);
			gt_set(L, g, 1 + i, 2, pf ? pf->display : "–");
			why = phrase_proposed_note(d, L->fig, L->t, L->lang, m);
		}
		if (ml_text(&m->method, L->lang) && !why) {
			gt_set_ml(L, g, 1 + i, mc, &m->method);
		} else {
			char *s = ml_text(&m->method, L->lang) ? g_strdup(ml_plain(L, &m->method))
							       : phrase_multiple_method(L->d, L->fig, L->t, L->lang, m);
			if (why) {
				char *t = g_strdup_printf("%s\n%s", s, why);
				g_free(s);
				s = t;
			}
			gt_set(L, g, 1 + i, mc, s);
			g_free(s);
		}
		g_free(why);
		g->group[1 + i] = true;
	}
	return g;
}

static char *pct(double v)
{
	/* Half up at one decimal, away from zero for negatives too. */
	double r = (v >= 0 ? floor(v * 10 + 0.5) : -floor(-v * 10 + 0.5)) / 10;
	return g_strdup_printf("%.1f%%", r);
}

void gpg_tables(lay *L, gtable **a, gtable **b)
{
	const pps_gpg *gp = &L->fig->gpg, *gc = &L->fig->gpg_chief;
	/* The bonus figures, as computed (a gap only when both were paid one). */
	static const char *const bonus_ids[] = {"gpg-bonus-mean", "gpg-bonus-median", "gpg-bonus-men", "gpg-bonus-women"};
	int nbonus = gp->has_bonus ? (gp->bonus_gap ? 4 : 2) : 0;
	gtable *g = gt_new(L, 2, (gc->present ? 5 : 3) + nbonus, 1);
	g->row_headers = true;
	double wt[2] = {3, 1};
	g->align[1] = 'r';
	gt_weights(g, wt);
	char *h;
	/* The caption in the current language, or in both for the full width of
	 * the parallel layout. */
	pps_lang keep = L->lang;
	for (int k = 0; k < (L->bi_labels ? 2 : 1); k++) {
		if (L->bi_labels)
			L->lang = L->opt->langs[k];
		char *date = tpl_date(L->t, L->lang, L->d->workforce.date);
		char *cap = tpl_format(L->t, L->lang, "gpg-caption", "date", date, NULL);
		para *cp = str_para(L, cap, L->width, L->st->table_size, true, false);
		if (k == 0) {
			g->caption = cp;
			g->caption_text = arena_strdup(L->b->arena, cap);
		} else {
			g->caption2 = cp;
			g->cap2_lang = L->lang;
			g->caption_text = arena_printf(L->b->arena, "%s / %s", g->caption_text, cap);
		}
		g_free(cap);
		g_free(date);
	}
	L->lang = keep;
	gt_head(L, g, "col-measure", "col-value", NULL);
	gt_set(L, g, 1, 0, h = label(L, "gpg-mean"));
	g_free(h);
	gt_set(L, g, 1, 1, h = pct(gp->mean_gap));
	g_free(h);
	gt_set(L, g, 2, 0, h = label(L, "gpg-median"));
	g_free(h);
	gt_set(L, g, 2, 1, h = pct(gp->median_gap));
	g_free(h);
	if (gc->present) {
		/* The chief officers' own gap (seed 000: the unions ask for it). */
		gt_set(L, g, 3, 0, lbl(L, "gpg-chief-mean"));
		gt_set(L, g, 3, 1, h = pct(gc->mean_gap));
		g_free(h);
		gt_set(L, g, 4, 0, lbl(L, "gpg-chief-median"));
		gt_set(L, g, 4, 1, h = pct(gc->median_gap));
		g_free(h);
		g->group[3] = true;
	}
	int row = gc->present ? 5 : 3;
	for (int i = 0; i < nbonus; i++) {
		const char *id = bonus_ids[gp->bonus_gap ? i : i + 2];
		gt_set(L, g, row + i, 0, lbl(L, id));
		gt_set(L, g, row + i, 1, fig_get(L->fig, id)->display);
	}
	if (nbonus)
		g->group[row] = true;
	*a = g;

	g = gt_new(L, 3, 5, 1);
	g->row_headers = true;
	double wt2[3] = {2, 1, 1};
	g->align[1] = g->align[2] = 'r';
	gt_weights(g, wt2);
	gt_head(L, g, "col-quartile", "col-men", "col-women", NULL);
	for (int q = 0; q < 4; q++) {
		char id[16];
		g_snprintf(id, sizeof id, "quartile-%d", q + 1);
		gt_set(L, g, 1 + q, 0, lbl(L, id));
		gt_set(L, g, 1 + q, 1, h = pct(gp->q_men[q]));
		g_free(h);
		gt_set(L, g, 1 + q, 2, h = pct(gp->q_women[q]));
		g_free(h);
	}
	*b = g;
}

/* Transparency Code 2015 senior pay: the £5,000 bands from £50,000 (NULL
 * when nobody is in them), and the senior posts' details (NULL when no
 * post gives them). */
void senior_tables(lay *L, gtable **a, gtable **b)
{
	const pps_figures *f = L->fig;
	*a = *b = NULL;
	if (f->nsenior_bands) {
		gtable *g = gt_new(L, 2, 1 + f->nsenior_bands, 1);
		g->row_headers = true;
		double wt[2] = {3, 1};
		g->align[1] = 'r';
		gt_weights(g, wt);
		char *date = tpl_date(L->t, L->lang, L->d->workforce.date);
		char *cap = tpl_format(L->t, L->lang, "senior-caption", "date", date ? date : "", NULL);
		g->caption = str_para(L, cap, L->width, L->st->table_size, true, false);
		g->caption_text = arena_strdup(L->b->arena, cap);
		g_free(cap);
		g_free(date);
		gt_head(L, g, "col-band", "col-employees", NULL);
		for (int k = 0; k < f->nsenior_bands; k++) {
			int64_t from = FIG_SENIOR_FROM + (int64_t)k * FIG_SENIOR_BAND;
			char *lo = fig_pounds(from), *hi = fig_pounds(from + FIG_SENIOR_BAND - 100);
			char *t = tpl_format(L->t, L->lang, "senior-band", "from", lo, "to", hi, NULL);
			gt_set(L, g, 1 + k, 0, t);
			g_free(t);
			g_free(lo);
			g_free(hi);
			char n[16];
			g_snprintf(n, sizeof n, "%d", f->senior_bands[k]);
			gt_set(L, g, 1 + k, 1, n);
		}
		*a = g;
	}
	if (!fig_senior_details(L->d))
		return;
	int n = 0;
	for (int i = 0; i < L->d->nposts; i++)
		n += fig_senior_post(&L->d->posts[i]);
	gtable *g = gt_new(L, 4, 1 + n, 1);
	g->row_headers = true;
	double wt[4] = {2, 3.4, 1.2, 1.6};
	g->align[2] = 'r';
	gt_weights(g, wt);
	const char *cap = lbl(L, "senior-posts-caption");
	g->caption = str_para(L, cap, L->width, L->st->table_size, true, false);
	g->caption_text = arena_strdup(L->b->arena, cap);
	gt_head(L, g, "col-post", "col-responsibilities", "col-budget", "col-holder", NULL);
	for (int i = 0, r = 1; i < L->d->nposts; i++) {
		const pps_post *p = &L->d->posts[i];
		if (!fig_senior_post(p))
			continue;
		gt_set_ml(L, g, r, 0, &p->title);
		if (p->responsibilities.pos.line)
			gt_set_ml(L, g, r, 1, &p->responsibilities);
		if (p->has_budget) {
			char *m = fig_pounds(p->budget);
			gt_set(L, g, r, 2, m);
			g_free(m);
		}
		GString *names = g_string_new(NULL);
		for (int k = 0; k < p->nholders; k++)
			if (fig_name_published(&p->holders[k]))
				g_string_append_printf(names, "%s%s", names->len ? "; " : "", p->holders[k].name);
		gt_set(L, g, r, 3, names->str);
		g_string_free(names, TRUE);
		g->group[r++] = true;
	}
	*b = g;
}

/* A proposal table's caption: "Current and proposed points (grades): NAME
 * (proposed from DATE)". */
static void prop_caption(lay *L, gtable *g, const pps_block *b)
{
	const pps_ml *name = b->post_ref ? &model_post(L->d, b->ref)->title : &model_scale(L->d, b->ref)->name;
	char *date = tpl_date(L->t, L->lang, L->d->proposal.effective);
	char *cap = tpl_format(L->t, L->lang, b->by_grade ? "prop-grade-caption" : "prop-caption", "name",
			       text_plain(L->b->arena, ml_text(name, L->lang)), "date", date ? date : "", NULL);
	g->caption = str_para(L, cap, L->width, L->st->table_size, true, false);
	g->caption_text = arena_strdup(L->b->arena, cap);
	g_free(cap);
	g_free(date);
}

/* The table placed, and under it its note (label id): the change is told
 * in words. */
static void prop_place(lay *L, gtable *g, const char *note)
{
	gt_place(L, g);
	para *p = str_para(L, lbl(L, note), L->width, L->st->note_size, false, false);
	place_p(L, p, L->x0, NULL);
	L->y += L->st->para_space;
}

/* by="grade": each grade's points and salaries now and as proposed. */
static void place_proposal_grades(lay *L, const pps_block *b)
{
	pps_prop_grade_row *rows;
	int n = fig_proposal_grade_rows(L->d, b->ref, L->b->arena, &rows);
	if (!n)
		return;
	gtable *g = gt_new(L, 6, 1 + n, 1);
	g->row_headers = true;
	double wt[6] = {1.4, 1, 1.4, 1, 1.4, 1.2};
	for (int c = 1; c < 5; c++)
		g->align[c] = 'r';
	gt_weights(g, wt);
	prop_caption(L, g, b);
	gt_head(L, g, "col-grade", "col-points-current", "col-current", "col-points-proposed", "col-proposed",
		"col-change", NULL);
	for (int i = 0; i < n; i++) {
		for (int c = 0; c < 5; c++) {
			char *s = phrase_prop_grade_cell(L->t, L->lang, L->b->arena, &rows[i], c);
			gt_set(L, g, 1 + i, c, s);
			g_free(s);
		}
		gt_set(L, g, 1 + i, 5, lbl(L, phrase_prop_grade_change(rows[i].change)));
	}
	prop_place(L, g, "prop-grade-note");
}

/* A scale's or post's current and proposed points, the change in words. */
void place_proposal_table(lay *L, const pps_block *b)
{
	if (b->by_grade) {
		place_proposal_grades(L, b);
		return;
	}
	pps_prop_row *rows;
	int n = fig_proposal_rows(L->d, b->ref, b->post_ref, L->b->arena, &rows);
	if (!n)
		return;
	gtable *g = gt_new(L, 4, 1 + n, 1);
	g->row_headers = true;
	double wt[4] = {1, 1.2, 1.2, 1.4};
	g->align[0] = g->align[1] = g->align[2] = 'r';
	gt_weights(g, wt);
	prop_caption(L, g, b);
	gt_head(L, g, b->post_ref ? "col-prop-salary" : "col-prop-point", "col-current", "col-proposed", "col-change",
		NULL);
	for (int i = 0; i < n; i++) {
		char *k = b->post_ref ? fig_pounds(rows[i].cur ? rows[i].cur : rows[i].prop) : g_strdup_printf("%d", rows[i].n);
		gt_set(L, g, 1 + i, 0, k);
		g_free(k);
		for (int c = 0; c < 2; c++) {
			int64_t v = c ? rows[i].prop : rows[i].cur;
			if (v) {
				char *m = fig_pounds(v);
				gt_set(L, g, 1 + i, 1 + c, m);
				g_free(m);
			}
		}
		gt_set(L, g, 1 + i, 3, lbl(L, fig_prop_change_label(rows[i].change)));
	}
	prop_place(L, g, "prop-note");
}

gtable *literal_table(lay *L, const pps_table *t)
{
	gtable *g = gt_new(L, t->ncols, t->nhead + t->nbody, t->nhead);
	for (int c = 0; c < t->ncols; c++)
		g->align[c] = t->align[c];
	gt_weights(g, t->width);
	gt_caption_ml(L, g, &t->caption);
	for (int r = 0; r < t->nhead + t->nbody; r++) {
		const pps_row *row = r < t->nhead ? &t->head[r] : &t->body[r - t->nhead];
		for (int c = 0; c < t->ncols; c++)
			if (c < row->n)
				gt_set_ml(L, g, r, c, &row->cells[c].text);
		g->group[r] = true;
	}
	return g;
}

/* The statutory topics and where the statement covers them (rules.c). */
gtable *compliance_table(lay *L)
{
	rules_table_spec spec;
	if (!rules_compliance_rows(L->d, L->t, L->lang, L->b->page_of, L->prefix, &spec, L->b->arena))
		return NULL;
	gtable *g = gt_new(L, 3, 1 + spec.nrows, 1);
	g->row_headers = true;
	double wt[3] = {2.4, 1.6, 1.6};
	gt_weights(g, wt);
	gt_head(L, g, "col-topic", "col-source", "col-where", NULL);
	for (int r = 0; r < spec.nrows; r++) {
		for (int c = 0; c < 3; c++)
			gt_set(L, g, 1 + r, c, spec.cells[r * 3 + c]);
		g->group[1 + r] = true;
	}
	return g;
}
