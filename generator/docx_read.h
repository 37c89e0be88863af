/* docx_read.h — a Word document (DOCX: a zip of WordprocessingML) read into a
 * flat list of blocks: paragraphs with their heading level, list level and
 * inline markup already in the statement's form (<b>, <i>, <sup>, <a>), and
 * tables.  What has no place in a statement is reported at its paragraph. */
#ifndef PPS_DOCX_READ_H
#define PPS_DOCX_READ_H

#include <glib.h>
#include <stdbool.h>

#include "diag.h"

/* Limits on what a document may make us read. */
#define DOCX_MAX_ENTRIES 10000
#define DOCX_MAX_PART (32 * 1024 * 1024)   /* one XML part, uncompressed */
#define DOCX_MAX_TOTAL (64 * 1024 * 1024)  /* every part read, together */
#define DOCX_MAX_RATIO 200                 /* uncompressed / compressed, above 1 MiB */

typedef struct {
	char *inl;   /* statement inline markup, escaped */
	char *plain; /* the text alone */
	int span;    /* table cells: 1, or N for the first of N merged columns; 0 for the others */
	char *plain_en; /* paired documents (import --cy --en): the English text; else NULL */
} dx_text;

typedef struct {
	int nrows, ncols, nhead; /* nhead: leading rows marked "repeat as header row" */
	dx_text *cells;          /* nrows * ncols, row by row */
	dx_text caption;         /* the caption-like paragraph just before it (inl NULL: none) */
} dx_table;

typedef enum { DX_PARA, DX_TABLE } dx_kind;

typedef struct {
	dx_kind kind;
	int para;      /* number of the block's first paragraph in the document, from 1 */
	int heading;   /* outline level 1..9; 0: not a heading */
	bool title;    /* the Title style */
	int ilvl;      /* list level from 0; -1: not in a list */
	int num_id;    /* the list it belongs to */
	bool ordered;  /* a numbered list */
	bool caption;  /* like a caption: Word's Caption style, or centred (LibreOffice writes an
	                * HTML table's <caption> so) */
	dx_text text;  /* DX_PARA */
	dx_table *table; /* DX_TABLE */
	GPtrArray *notes; /* char *: the inline markup of each footnote referenced here */
} dx_block;

typedef struct {
	char *file;        /* the path given */
	char *where;       /* "FILE:word/document.xml", the position of messages */
	GPtrArray *blocks; /* dx_block * */
} dx_doc;

/* Reads path; NULL when it cannot be read safely (reported in dc, which also
 * gets a warning for everything that is left out). */
dx_doc *docx_read(const char *path, diag_ctx *dc);
void dx_free(dx_doc *d);
void dx_block_free(gpointer b);

#endif
