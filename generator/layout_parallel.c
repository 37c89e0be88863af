/* layout_parallel.c — the parallel layout: Welsh and English in two
 * columns in lockstep, each unit of text paired with its other-language
 * twin, tables side by side or full width. */
#include "layout_int.h"

/* ---- The parallel layout -------------------------------------------- */

void set_side(lay *L, int side)
{
	L->side = side;
	L->lang = L->opt->langs[side];
	L->x0 = L->colx[side];
	L->width = L->colw;
}

void set_full(lay *L)
{
	L->lang = L->opt->langs[0];
	L->x0 = L->full_x0;
	L->width = L->full_w;
}

/* Runs fn once per column from the same start, so both begin level; leaves
 * the cursor below the longer one.  `need` is what must fit at the start. */
void par_unit(lay *L, unit_fn fn, const void *arg, double need)
{
	if (L->y + need > L->bottom && L->y > L->top + 0.01)
		new_page(L);
	lay_page *start = L->page, *endp = L->page;
	double y0 = L->y, endy = L->y;
	guint base = L->flow_base;
	L->flow_base = L->open->len;
	for (int side = 0; side < 2; side++) {
		set_side(L, side);
		L->page = start;
		L->y = y0;
		fn(L, arg);
		if (L->page->index > endp->index || (L->page == endp && L->y > endy)) {
			endp = L->page;
			endy = L->y;
		}
	}
	L->page = endp;
	L->y = endy;
	L->flow_base = base;
	set_full(L);
}

static void unit_para(lay *L, const void *arg)
{
	const pps_block *b = arg;
	place_para(L, &b->text, 0, b->kind == BLK_NOTE ? L->st->note_size : L->st->body_size);
}

typedef struct {
	const pps_block *b;
	int item;
	int *list; /* each column's L element (0 before the first item): one list per language */
} item_arg;

static void unit_item(lay *L, const void *arg)
{
	const item_arg *a = arg;
	a->list[L->side] = place_list_items(L, a->b, 0, a->item, 1, a->list[L->side]);
}

static void unit_chart(lay *L, const void *arg) { place_chart(L, arg); }
static void unit_scale_notes(lay *L, const void *arg) { place_scale_notes(L, arg); }
static void unit_gpg_note(lay *L, const void *arg)
{
	(void)arg;
	place_gpg_note(L);
}

typedef struct {
	gtable **g;
	int *table_id; /* each column's Table element */
} caption_arg;

/* A column's tall caption, its Table's first part. */
static void unit_table_caption(lay *L, const void *arg)
{
	const caption_arg *a = arg;
	gtable *g = a->g[L->side];
	a->table_id[L->side] = tag_continue(L, "Table", 0);
	if (g->caption)
		gt_caption_lines(L, g);
	tag_end(L, "Table");
}

/* Two tables side by side, row i of each at the same height.  Tags cannot
 * interleave, so each page's part is begun as a Table per language, and
 * the later parts continue the first (one Table, one TBody per language;
 * their repeated header rows are artifacts, as in gt_place). */
static void gt_place_pair(lay *L, gtable *g[2])
{
	int nrows = MIN(g[0]->nrows, g[1]->nrows);
	double *h = arena_array(L->b->arena, (size_t)nrows, sizeof(double));
	for (int r = 0; r < nrows; r++)
		h[r] = MAX(gt_row_h(g[0], r), gt_row_h(g[1], r));
	g[0]->force_h = g[1]->force_h = h;
	double head = gt_head_h(g[0]);
	int nhead = g[0]->nhead;
	int r = nhead;
	bool first = true;
	int table_id[2] = {0, 0}, body_id[2] = {0, 0};
	gt_split *split[2] = {NULL, NULL}; /* the parts of a row taller than a page */
	/* Captions taller than a page go first, line by line, side by side;
	 * the rows start below the longer. */
	bool cap_placed = gt_caption_tall(L, g[0]) || gt_caption_tall(L, g[1]);
	if (cap_placed) {
		par_unit(L, unit_table_caption, &(caption_arg){g, table_id}, 4 * L->st->table_size);
		if (L->y + head + (nrows > nhead ? h[nhead] : 0) > L->bottom + 0.01)
			new_page(L);
	} else if (L->y + MAX(gt_caption_h(L, g[0], false), gt_caption_h(L, g[1], false)) + head +
			 (nrows > nhead ? h[nhead] : 0) >
		 L->bottom &&
		 L->y > L->top + 0.01)
		new_page(L);
	while (first || r < nrows) {
		/* Both columns' rows start below the taller caption: a continued
		 * caption may wrap where the first did not. */
		double cap = 0;
		for (int side = 0; side < 2 && !(first && cap_placed); side++) {
			set_side(L, side);
			cap = MAX(cap, gt_caption_h(L, g[side], !first));
		}
		set_full(L);
		double y0 = L->y + cap + head;
		int r2 = r;
		while (r2 < nrows && y0 + h[r2] <= L->bottom + 0.01) {
			y0 += h[r2];
			r2++;
		}
		/* A row taller than any page goes in parts, both columns' parts
		 * as tall as the taller (gt_split in layout_table.c). */
		bool tall = r2 == r && r < nrows && h[r] > L->bottom - L->top - cap - head + 0.01;
		double part_h = 0;
		if (tall) {
			for (int side = 0; side < 2; side++)
				if (!split[side])
					split[side] = gt_split_new(L, g[side]);
			bool fresh = L->y <= L->top + 0.01, moves = false;
			for (int side = 0; side < 2; side++) {
				double avail = L->bottom - (L->y + cap + head) - 2 * CELL_PAD_Y;
				part_h = MAX(part_h, gt_split_fit(g[side], r, split[side], avail, fresh));
				moves = moves || gt_split_moves(g[side], split[side]);
			}
			if (!moves) {
				new_page(L);
				continue;
			}
			part_h += 2 * CELL_PAD_Y;
		}
		if (r2 == r && r < nrows && L->y > L->top + 0.01 && !first && !tall) {
			new_page(L);
			continue;
		}
		double ystart = L->y;
		for (int side = 0; side < 2; side++) {
			set_side(L, side);
			L->y = ystart;
			table_id[side] = tag_continue(L, "Table", table_id[side]);
			if (g[side]->caption && !(first && cap_placed)) {
				gt_caption(L, g[side], !first);
				L->y = ystart + cap;
			}
			if (nhead && first) {
				tag_begin(L, "THead");
				for (int k = 0; k < nhead; k++)
					gt_draw_row(L, g[side], k, false, false);
				tag_end(L, "THead");
			} else {
				for (int k = 0; k < nhead; k++)
					gt_draw_row(L, g[side], k, true, false);
			}
			body_id[side] = tag_continue(L, "TBody", body_id[side]);
			for (int k = r; k < r2; k++)
				gt_draw_row(L, g[side], k, false, false);
			if (tall)
				gt_split_draw(L, g[side], r, split[side], part_h, false);
			tag_end(L, "TBody");
			tag_end(L, "Table");
		}
		set_full(L);
		first = false;
		r = r2;
		if (tall && gt_split_done(g[0], r, split[0]) && gt_split_done(g[1], r, split[1])) {
			r++;
			split[0] = split[1] = NULL;
		}
		if (r < nrows)
			new_page(L);
	}
	L->y += L->st->para_space;
}

/* The table for block b in the current language at the current width. */
static gtable *block_table(lay *L, const pps_block *b)
{
	switch (b->kind) {
	case BLK_TABLE: return literal_table(L, b->table);
	case BLK_POSTS_TABLE: {
		gtable *g = posts_table(L);
		gt_caption_ml(L, g, &b->caption);
		return g;
	}
	case BLK_MULTIPLES: return L->d->nmultiples ? multiples_table(L) : NULL;
	case BLK_COMPLIANCE: return compliance_table(L);
	default: return NULL;
	}
}

/* Which of the document's two languages text m is written in: has[side]. */
static void ml_langs(const lay *L, const pps_ml *m, bool has[2])
{
	for (int k = 0; k < 2; k++)
		has[k] |= ml_has(m, L->opt->langs[k]);
}

/* ... any item of list b (nested lists too) is written in. */
static void list_langs(const lay *L, const pps_block *b, bool has[2])
{
	for (int i = 0; i < b->nitems; i++) {
		ml_langs(L, &b->items[i].text, has);
		for (int s = 0; s < b->items[i].nsub; s++)
			list_langs(L, &b->items[i].sub[s], has);
	}
}

/* ... any head or body cell of table t is written in. */
static void table_langs(const lay *L, const pps_table *t, bool has[2])
{
	for (int r = 0; r < t->nhead + t->nbody; r++) {
		const pps_row *row = r < t->nhead ? &t->head[r] : &t->body[r - t->nhead];
		for (int c = 0; c < row->n; c++)
			ml_langs(L, &row->cells[c].text, has);
	}
}

void par_block(lay *L, const pps_block *b)
{
	/* Two body lines with room to spare (Noto Sans's line box is about 1.36
	 * em): each column then keeps at least two lines on the page, so no
	 * column moves on alone and the pair stays level. */
	double line2 = 2 * L->st->body_size * L->st->line_spacing * 1.45 + 3;
	switch (b->kind) {
	case BLK_PARA:
	case BLK_NOTE:
		if (ml_both(L, &b->text)) {
			par_unit(L, unit_para, b, line2);
		} else {
			/* One language only: the whole width, marked with its language. */
			L->lang = ml_has(&b->text, L->opt->langs[0]) ? L->opt->langs[0] : L->opt->langs[1];
			place_block(L, b);
			set_full(L);
		}
		break;
	case BLK_LIST: {
		bool has[2] = {false, false};
		list_langs(L, b, has);
		if (!has[0] || !has[1]) {
			/* A list in one language only: once, across the page. */
			L->lang = has[0] ? L->opt->langs[0] : L->opt->langs[1];
			place_block(L, b);
			set_full(L);
			break;
		}
		/* Paired item by item, so that each Welsh item stands level with
		 * its English twin; each language's items are one list.  An item
		 * written in one language only is in both columns, in its
		 * language (as in that language's separate document): placing
		 * the list once, in one language, would lose the other's words. */
		int list[2] = {0, 0};
		for (int i = 0; i < b->nitems; i++) {
			item_arg a = {b, i, list};
			par_unit(L, unit_item, &a, line2);
		}
		break;
	}
	case BLK_TABLE: {
		bool has[2] = {false, false};
		table_langs(L, b->table, has);
		if (!has[0] || !has[1]) {
			/* A table in one language only: once, across the page.  One
			 * with some cells in one language is each language's table,
			 * those cells in both, as for a list. */
			L->lang = has[0] ? L->opt->langs[0] : L->opt->langs[1];
			gt_place(L, literal_table(L, b->table));
			set_full(L);
			break;
		}
	}
		/* fall through */
	case BLK_POSTS_TABLE:
	case BLK_MULTIPLES:
	case BLK_COMPLIANCE: {
		/* Side by side when each language's table fits its column (its
		 * narrowest words and figures, in type no smaller than the house
		 * style allows); otherwise the full width. */
		gtable *g[2];
		bool fit = true;
		for (int side = 0; side < 2; side++) {
			set_side(L, side);
			g[side] = block_table(L, b);
			fit = fit && g[side] && gt_fit(L, g[side], L->width, false);
		}
		set_full(L);
		if (!g[0] || !g[1])
			break;
		if (fit) {
			gt_place_pair(L, g);
		} else if (b->kind == BLK_POSTS_TABLE) {
			/* Short cells: one table, headed and labelled in both languages. */
			L->bi_labels = true;
			gt_place(L, block_table(L, b));
			L->bi_labels = false;
		} else {
			/* Sentences in the cells: each language's table whole, one
			 * after the other. */
			for (int side = 0; side < 2; side++) {
				L->lang = L->opt->langs[side];
				gt_place(L, block_table(L, b));
			}
			set_full(L);
		}
		break;
	}
	case BLK_CHART: par_unit(L, unit_chart, b, 200); break;
	case BLK_SCALE_TABLE: {
		/* Wide figures: the full width, headed in both languages, then the
		 * notes side by side, each language's kept with the table. */
		double keep = 0;
		for (int side = 0; side < 2; side++) {
			set_side(L, side);
			keep = MAX(keep, scale_notes_h(L, b));
		}
		set_full(L);
		L->bi_labels = true;
		place_scale_table(L, b, keep);
		L->bi_labels = false;
		par_unit(L, unit_scale_notes, b, keep);
		break;
	}
	case BLK_PROPOSAL_TABLE:
	case BLK_SENIOR_PAY:
		/* Words in the cells (band names, responsibilities): each
		 * language's tables whole, one after the other. */
		for (int side = 0; side < 2; side++) {
			L->lang = L->opt->langs[side];
			place_block(L, b);
		}
		set_full(L);
		break;
	case BLK_GPG_TABLE:
		if (L->fig->gpg.present) {
			double keep = 0;
			for (int side = 0; side < 2; side++) {
				set_side(L, side);
				keep = MAX(keep, gpg_note_h(L));
			}
			set_full(L);
			L->bi_labels = true;
			place_gpg_tables(L, keep);
			L->bi_labels = false;
			par_unit(L, unit_gpg_note, NULL, keep);
		}
		break;
	}
}

