/* layout.h — layout decides, the device draws.  layout.c turns the model,
 * its figures and the template into pages of positioned drawing operations
 * (shaped paragraphs, rules, fills, structure tags in reading order);
 * pdf.c walks them and draws.  Tests can check page breaks and positions
 * here without opening a PDF. */
#ifndef PPS_LAYOUT_H
#define PPS_LAYOUT_H

#include <pango/pango.h>

#include "diag.h"
#include "figures.h"
#include "model.h"
#include "template.h"
#include "text.h"

typedef enum {
	OP_TEXT,      /* lines [line0, line1) of txt, top-left at (x, y) */
	OP_RECT,      /* filled rectangle x, y, w, h in rgb */
	OP_LINE,      /* rule from (x, y) to (x + w, y + h), width lw, in rgb */
	OP_TAG_BEGIN, /* structure element `tag` (lang, alt, scope for the PDF) */
	OP_TAG_END,
	OP_DEST,      /* named destination `name` at (x, y) */
	OP_IMAGE,     /* PNG file `name` scaled into x, y, w, h */
	OP_CHART,     /* a chart: chart_draw(chart, cr) in the box x, y, w, h */
} lay_op_kind;

/* A hyperlink inside a text layout: bytes [start, end) of its text. */
typedef struct {
	int start, end;
	const char *dest; /* named destination, or NULL */
	const char *uri;  /* external address, or NULL */
	const char *text; /* link text, for the annotation's /Contents */
} lay_link;

/* A stretch of a text in another language than its element's: bytes
 * [start, end), drawn as a Span with its own /Lang ("Gradd / Grade"). */
typedef struct {
	int start, end;
	const char *lang; /* BCP 47 */
} lay_span;

typedef struct lay_chart lay_chart;

typedef struct {
	lay_op_kind kind;
	double x, y, w, h;     /* PDF points, origin top-left of the page */
	txt_para *txt;         /* OP_TEXT (owned by the book) */
	int line0, line1;
	const char *leaf;      /* OP_TEXT: structure leaf to draw it in ("P", "H2", "TD", "Span"...), NULL = artifact */
	const lay_link *links; /* OP_TEXT: links in the layout (drawn as Link leaves) */
	int nlinks;
	const lay_span *spans; /* OP_TEXT: stretches in another language (no links in the same text) */
	int nspans;
	const char *tag;       /* OP_TAG_BEGIN/END */
	int id;                /* OP_TAG_BEGIN: the element's number in the book (from 1), 0: none */
	int cont;              /* OP_TAG_BEGIN: the element (id) this one continues, 0: none.  Tags
	                        * must nest, so a container cut by a page break in the parallel
	                        * layout is begun again on the next page, and a list is begun
	                        * again for each pair of items; the device makes the parts one
	                        * element again, read where the first began (pdf_post). */
	const char *name;      /* OP_DEST name, OP_IMAGE path */
	const char *lang;      /* BCP 47 for this element, or NULL (the document's) */
	const char *alt;       /* Figure alternative text */
	const char *scope;     /* TH: "Column" or "Row" */
	int colspan, rowspan;  /* TH of a two-level head: columns and rows it covers (0: one) */
	double rgb[3];
	double lw;
	double dots;           /* OP_LINE: a dotted line (leaders), round dots `dots` points apart; 0: solid */
	const lay_chart *chart;
} lay_op;

typedef struct {
	GArray *ops;        /* lay_op */
	bool front;         /* cover and contents: roman numerals, no running header */
	int number;         /* printed number (body pages from first_page, front from 1; in a pack every page in turn) */
	const char *label;  /* PDF page label, e.g. "ii", "27", "A-1" */
	pps_lang lang;      /* language of the running header and footer */
	bool bilingual;     /* header and footer in both languages */
	int part_pages;     /* "of Y": body pages in this part */
	bool blank;         /* intentionally blank (duplex padding) */
	bool cover;         /* the statement's cover */
	guint furniture;    /* ops from here on: the running header, footer, blank-page notice
	                     * (artifacts, appended last, drawn first: see pdf.c) */
	int index;          /* position in the book */
} lay_page;

/* A bookmark. */
typedef struct {
	int level;        /* 1 = top */
	const char *title;
	const char *dest;
} lay_outline;

typedef enum { LAYOUT_SINGLE, LAYOUT_PARALLEL, LAYOUT_SEQUENTIAL } lay_mode;

typedef struct {
	lay_mode mode;
	pps_lang langs[LANG_N]; /* reading order: langs[0] first/left */
	int nlangs;             /* 1 for a single-language document */
	int first_page;         /* printed number of the first page; above 1 (an agenda pack), every page, front matter too, numbered in turn */
	const char *appendix;   /* render only this appendix (id), or NULL */
	bool public_only;       /* leave out exempt appendices, saying so */
	bool duplex;            /* pad so each part starts on a right-hand page */
	bool repeat_one_language; /* sequential: an appendix written in one language is printed in
				   * each part; by default the other part has its title and notes
				   * and says where its text is */
	const char *agenda_item;/* "4a": agenda line in the running header, or NULL */
	const char *agenda_appendix; /* "5" */
	const pps_doc *prev;    /* last year's statement: adds a table of changes, or NULL */
	const pps_figures *prev_fig;
} lay_options;

typedef struct lay_book {
	arena *arena;
	GPtrArray *pages;       /* lay_page* */
	GArray *outline;        /* lay_outline */
	GHashTable *last_use;   /* txt_para -> last page index + 1 (lay_book_release_page) */
	GHashTable *layouts;    /* every txt_para made (a set), freed with the book
				 * or earlier by lay_book_release_page() */
	const char *title;      /* document title (metadata) */
	const char *author;
	const char *subject;
	const char *keywords;
	const char *lang;       /* document language tag */
	const pps_template *tpl;
	int unknown_glyphs;     /* glyphs the bundled fonts lack: must be 0 */
	gunichar missing[8];    /* the first characters the fonts lack, for the message */
	int nmissing;
	txt_para *watermark;    /* "DRAFT" drawn across every page, or NULL */
	bool pack_numbers;      /* agenda pack: every page numbered in turn, front matter too */
	/* Where each section/appendix landed: id -> GINT_TO_POINTER(printed page) */
	GHashTable *page_of;
} lay_book;

/* The shared Pango set-up for a run: one font map and context, fonts from the
 * template's fonts directory only. */
typedef struct lay_fonts lay_fonts;
lay_fonts *lay_fonts_new(const pps_template *t, diag_ctx *dc);
void lay_fonts_free(lay_fonts *f);
/* The run's Pango context (pdf.c shapes chart labels with it). */
PangoContext *lay_fonts_context(lay_fonts *f);

lay_book *lay_document(const pps_doc *d, const pps_figures *fig, const pps_template *t, lay_fonts *fonts,
		       const lay_options *opt, diag_ctx *dc);
void lay_book_free(lay_book *b);
/* The device has drawn page i: frees the layouts no later page uses, so
 * memory stays bounded by a page's worth of shaped text plus the book's ops.
 * Call for every page in order. */
void lay_book_release_page(lay_book *b, guint i);

#endif
