/* layout_int.h — what the layout stage's files (layout.c, layout_table.c,
 * layout_parallel.c, layout_furniture.c) share: the layout context, a
 * shaped paragraph, a table being laid out.  Not for other stages: they
 * see layout.h. */
#ifndef PPS_LAYOUT_INT_H
#define PPS_LAYOUT_INT_H

#include "layout.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "text.h"

struct lay_fonts {
	PangoFontMap *map;
	PangoContext *ctx;
	FcConfig *fc;
};

typedef struct {
	txt_para *t;
	int nlines;
	lay_link *links;
	int nlinks;
	lay_span *spans; /* the words of a "Cymraeg / English" text in each language */
	int nspans;
	pps_lang lang; /* the language it was shaped in: its tag's /Lang */
} para;

typedef struct {
	lay_book *b;
	const pps_doc *d;
	const pps_figures *fig;
	const pps_template *t;
	const pps_style *st;
	lay_fonts *f;
	const lay_options *opt;
	diag_ctx *dc;
	pps_lang lang;        /* language being laid out */
	const char *prefix;   /* destination prefix ("" or "p2-") */
	lay_page *page;
	double y;             /* cursor, points from the page top */
	double x0, width;     /* the text frame (a column in the parallel layout) */
	double top, bottom;   /* content area */
	int body_no;          /* printed number of the next new body page */
	const int *pack;      /* agenda pack: the printed number of each body page, in order
			       * (from a first pass: front pages count too), or NULL */
	int npack, nbody_made;
	bool front;
	bool par;             /* parallel layout: two columns in lockstep */
	GPtrArray *open;      /* open container tags (const char *), outermost first */
	GPtrArray *open_lang; /* their language tags */
	GArray *open_id;      /* their element ids (int): the first part's, when one is a continuation */
	int next_id;          /* element ids handed out (lay_op.id) */
	int side;             /* parallel layout: the column being laid out (set_side) */
	guint flow_base;      /* containers below this index belong to both columns */
	double colx[2], colw; /* parallel columns: x of each, common width */
	double full_x0, full_w;
	bool bi_labels;       /* full-width table in the parallel layout: both languages' labels */
	double keep_tail;     /* points of short blocks that end the section after this paragraph:
			       * its last lines go over with them rather than leave them alone */
	para *header;         /* the running header last shaped, and its text */
	const char *header_text;
} lay;

typedef struct {
	GString *text;
	PangoAttrList *attrs;
	GArray *links; /* lay_link */
} rich;

/* ---- Generic tables -------------------------------------------------- */

/* A table is filled first, each cell shaped unwrapped, and sized after
 * (gt_fit): its columns' widths come from their content. */
typedef struct {
	int ncols;
	double *w;       /* column widths, points; 0: a dropped column (empty in every body row) */
	double *wt;      /* weights for the room beyond the columns' minimums (a <col width>), or 1 */
	char *align;     /* 'l' / 'r' */
	int nhead;
	int nrows;       /* including head rows */
	para **cell;     /* nrows * ncols */
	double *hang;    /* nrows * ncols: width of a note mark ("****") that hangs past the figures, points */
	unsigned char *span;  /* nrows * ncols, head cells: the columns (span) and head rows (rspan) */
	unsigned char *rspan; /* a cell covers, 0 meaning 1: a two-level head's "Basic + 8%" over two */
	bool *covered;        /* inside another cell's span: neither drawn nor tagged */
	bool *group;     /* a visual group starts at this row (rule above) */
	bool *dim;       /* row's first cell repeats the group label: print it dimmed */
	para *caption;
	const char *caption_text;
	para *caption2;  /* full width in the parallel layout: the caption in the second language */
	pps_lang cap2_lang;
	para *cont;      /* "caption (continued)", shaped once when first needed */
	double keep_after; /* points of what follows (a note) that must share the last rows' page */
	double size;
	double total_w;  /* sum of the columns, points: the table is no wider than its content needs */
	bool fitted;
	bool row_headers; /* first column cells are TH scope Row */
	const double *force_h; /* parallel tables: row heights shared with the other language */
} gtable;

/* A body row drawn in parts over several pages (layout_table.c). */
typedef struct {
	int *from, *to; /* per column: the part's first line and the line after it */
	int *cell_id;   /* per column: the cell's element, once begun (0: not yet) */
	int row_id;     /* the TR's element, once begun */
} gt_split;

#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0

#define BI_FIRST "\uE000"
#define BI_SECOND "\uE001"
#define BI_END "\uE002"

/* A unit of the parallel layout: places one language's half at L->x0. */
typedef void (*unit_fn)(lay *L, const void *arg);

/* layout.c: pages, tags, paragraphs, blocks, sections */
const char *lang_tag(const lay *L);
lay_op *emit(lay *L, lay_op op);
int tag_begin(lay *L, const char *tag);
int tag_continue(lay *L, const char *tag, int of);
void tag_end(lay *L, const char *tag);
void new_page(lay *L);
const char *dest_name(lay *L, const char *id);
void rich_init(rich *r);
void rich_add_str(rich *r, const char *s);
const char *bi_join(lay *L, const char *a, const char *b);
para *make_para_x(lay *L, rich *r, double width, double size, bool bold, txt_align align,
			 double letter_spacing);
para *make_para(lay *L, rich *r, double width, double size, bool bold, bool right);
para *text_para(lay *L, const pps_text *t, double width, double size, bool bold, bool right);
para *ml_para(lay *L, const pps_ml *m, double width, double size, bool bold, bool right);
para *str_para(lay *L, const char *s, double width, double size, bool bold, bool right);
const char *para_lang_tag(const lay *L, const para *p);
double para_h(const para *p);
void emit_text(lay *L, para *p, int l0, int l1, double x, double y, const char *leaf, const double *rgb);
void place_p(lay *L, para *p, double x, const double *rgb);
/* p's lines from the cursor, over as many pages as they take, each page's
 * part a `leaf` of its own inside the tag open around them. */
void place_lines(lay *L, para *p, double x, const char *leaf, const double *rgb);
void place_para(lay *L, const pps_ml *m, double indent, double size);
int place_list_items(lay *L, const pps_block *b, double indent, int first, int count, int of);
void place_chart(lay *L, const pps_block *b);
double scale_notes_h(lay *L, const pps_block *b);
void place_scale_notes(lay *L, const pps_block *b);
void place_scale_table(lay *L, const pps_block *b, double keep_after);
double gpg_note_h(lay *L);
void place_gpg_note(lay *L);
void place_gpg_tables(lay *L, double keep_after);
void place_block(lay *L, const pps_block *b);
void add_outline(lay *L, int level, const char *title, const char *dest);

/* layout_table.c: tables sized to their content, and the generated tables */
gtable *gt_new(lay *L, int ncols, int nrows, int nhead);
void gt_weights(gtable *g, const double *weights);
void gt_set(lay *L, gtable *g, int row, int col, const char *s);
bool gt_fit(lay *L, gtable *g, double avail, bool may_break);
double gt_row_h(const gtable *g, int row);
double gt_head_h(const gtable *g);
void gt_draw_row(lay *L, const gtable *g, int r, bool artifact, bool band);
double gt_caption_h(lay *L, gtable *g, bool continued);
void gt_caption(lay *L, gtable *g, bool continued);
bool gt_caption_tall(lay *L, const gtable *g);
void gt_caption_lines(lay *L, gtable *g);
double gt_page_room(lay *L, gtable *g);
gt_split *gt_split_new(lay *L, const gtable *g);
double gt_split_fit(const gtable *g, int r, gt_split *s, double avail, bool force);
bool gt_split_moves(const gtable *g, const gt_split *s);
bool gt_split_done(const gtable *g, int r, const gt_split *s);
void gt_split_draw(lay *L, const gtable *g, int r, gt_split *s, double h, bool band);
void gt_place(lay *L, gtable *g);
const char *ml_plain(lay *L, const pps_ml *m);
const char *lbl(lay *L, const char *id);
char *label(lay *L, const char *id);
bool ml_both(const lay *L, const pps_ml *m);
void gt_caption_ml(lay *L, gtable *g, const pps_ml *m);
gtable *scale_table(lay *L, const pps_scale *s, const pps_scale_fig *sf);
gtable *posts_table(lay *L);
gtable *multiples_table(lay *L);
void gpg_tables(lay *L, gtable **a, gtable **b);
void senior_tables(lay *L, gtable **a, gtable **b);
void place_proposal_table(lay *L, const pps_block *b);
gtable *literal_table(lay *L, const pps_table *t);
gtable *compliance_table(lay *L);

/* layout_parallel.c: the two languages side by side */
void set_side(lay *L, int side);
void set_full(lay *L);
void par_unit(lay *L, unit_fn fn, const void *arg, double need);
void par_block(lay *L, const pps_block *b);

/* layout_furniture.c: cover, contents, running header and footer */
void place_changes(lay *L);
const char *doc_title(lay *L);
void place_cover(lay *L);
void unit_cover(lay *L, const void *arg);
void place_contents(lay *L);
void place_furniture(lay *L, lay_page *p, int index, int last_no);
char *roman(int n);

#endif
