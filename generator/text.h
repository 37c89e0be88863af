/* text.h — a paragraph shaped once and broken into lines.
 *
 * Pango 1.50's own line breaking (PangoLayout) shapes text 2.45 times over
 * on a statement: each item once to measure it, again when it fits, and
 * again for every break it tries.  Here each item of a paragraph is shaped
 * once, and its lines are cut from those glyphs (pango_glyph_item_split).
 * The rules are Pango's (break opportunities from pango_get_log_attrs, a
 * wrapped line's final space not counted, a word wider than the line broken
 * between characters with a hyphen, '\n' starting a new line, and Pango's
 * line metrics (first baseline at the tallest run's ascent, then
 * line_spacing × the font's line height), with two of ppsgen's own: no
 * break inside a figure, a reference or a date ("11.16:1", "section 8.6",
 * "1 April 2018"), and none inside a Welsh digraph ("dd", "ll", "ng").
 *
 * Units: points, except where a name says Pango units.  Runs are kept in
 * reading order: left-to-right text only (Welsh and English; the bundled
 * fonts have no right-to-left script either). */
#ifndef PPS_TEXT_H
#define PPS_TEXT_H

#include <cairo.h>
#include <stdbool.h>
#include <pango/pango.h>

typedef enum { TXT_LEFT, TXT_RIGHT, TXT_CENTER } txt_align;

typedef struct {
	const PangoFontDescription *font; /* the paragraph's base font */
	const char *lang;                 /* "cy", "en" */
	double width;                     /* measure of the lines */
	txt_align align;
	double line_spacing;              /* baseline to baseline, × the font's line height; 0: lines touch */
	double letter_spacing;            /* added to every character's advance (dot leaders), or 0 */
} txt_style;

typedef struct {
	PangoGlyphItem **runs; /* in reading order; run->y_offset: rise, Pango units, up */
	int nruns;
	double x;              /* the line's left edge from the paragraph's (alignment) */
	double width;          /* advance of the line, a wrapped line's final space not counted */
	double baseline;       /* from the paragraph's top */
	double top, bottom;    /* the line's band, from the paragraph's top */
	bool word_cut;         /* it ends inside a word too wide for the measure (broken
	                        * between characters): the word goes on at the next line */
} txt_line;

typedef struct {
	char *text; /* owned; the runs' items index into it */
	int len;
	PangoAttrList *attrs;
	txt_style style;
	PangoFontDescription *font; /* owned copy of style.font */
	txt_line *lines;
	int nlines;
	int unknown; /* glyphs the fonts lack */
	double min_width; /* the widest piece between break opportunities, points */
} txt_para;

/* Shapes and breaks `text` (len bytes, copied) with `attrs` (bold, italic,
 * superscript, link colours: a reference is kept). */
txt_para *txt_shape(PangoContext *ctx, const char *text, int len, PangoAttrList *attrs, const txt_style *s);
void txt_free(txt_para *p);

/* The widest line, points: a paragraph shaped at width -1 (no wrapping)
 * gives its natural width, the measure it needs to break only at '\n'. */
double txt_natural_width(const txt_para *p);

/* Aligns the lines again in measure `width` (points): for a paragraph
 * shaped unwrapped whose lines all fit in it. */
void txt_set_measure(txt_para *p, double width);

/* The same text and attributes shaped again at `width` (points) and, if
 * size > 0, at that type size (points); p is left as it was. */
txt_para *txt_reshape(PangoContext *ctx, const txt_para *p, double width, double size);

/* Height of lines [l0, l1): from the top of l0 to the bottom of l1 - 1. */
double txt_height(const txt_para *p, int l0, int l1);

/* Where line `i` starts, for lines [l0, ...) drawn with their top-left at
 * (x, y): its baseline's left end. */
void txt_line_origin(const txt_para *p, int l0, int i, double x, double y, double *ox, double *oy);

/* Draws one run with its baseline's left end at (x, y) (raised by its rise),
 * in the current source; returns its advance. */
double txt_draw_run(cairo_t *cr, const txt_para *p, PangoGlyphItem *run, double x, double y);

/* Draws line i with its baseline's left end at (x, y), run by run in the
 * current source. */
void txt_draw_line(cairo_t *cr, const txt_para *p, int i, double x, double y);

/* The same, glyphs only, with no text behind them: for artifacts (running
 * heads, repeated table headers), where the text cairo attaches to a
 * hyphen or ligature would be an /ActualText span, tagged content inside
 * an artifact (PDF/UA-1 7.1, Matterhorn 01-004). */
void txt_draw_line_glyphs(cairo_t *cr, const txt_para *p, int i, double x, double y);

#endif
