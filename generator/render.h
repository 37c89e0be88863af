/* render.h — `ppsgen render`: which files a statement becomes (per language,
 * layout, format and appendix), each laid out, drawn and written atomically
 * (temporary name in the same directory, then rename: a failed run leaves
 * the previous good file intact and no partial one). */
#ifndef PPS_RENDER_H
#define PPS_RENDER_H

#include <glib.h>

#include "figures.h"
#include "layout.h"
#include "template.h"

enum { FORMAT_PDF = 1, FORMAT_HTML = 2, FORMAT_CSV = 4 };

typedef struct {
	const char *out_dir;     /* default "out" */
	const char *lang;        /* "en", "cy", "both" or NULL (the statement's languages) */
	const char *layout;      /* "separate", "parallel", "sequential" or NULL (separate) */
	unsigned formats;        /* FORMAT_* bits */
	const char *appendix;    /* appendix id or letter, "all", or NULL */
	int first_page;          /* printed number of the first page (default 1) */
	bool no_page_numbers;    /* agenda systems stamp their own */
	bool duplex;
	bool public_only;        /* leave out exempt appendices */
	bool repeat_one_language; /* sequential: a one-language appendix in each part */
	const char *agenda_item; /* running-header agenda line */
	const char *agenda_appendix;
	int64_t date;            /* SOURCE_DATE_EPOCH or the statement's date */
	const pps_doc *prev;     /* last year's statement (--previous), or NULL */
	const pps_figures *prev_fig;
} render_opts;

/* Exit code per the CLI contract: 0 ok, 1 an option asks for what the
 * statement lacks (--lang, --appendix), 2 invalid input, 3 output not
 * writable.  Each written path is appended to `written` (g_free'd strings). */
int render_run(const pps_doc *d, const pps_figures *f, pps_template *t, lay_fonts *fonts, const render_opts *o,
	       diag_ctx *dc, GPtrArray *written);

/* The languages `lang` ("en", "cy", "both" or NULL: all) selects from the
 * statement's, in its reading order, into out; how many (0: it has none of them). */
int render_languages(const pps_doc *d, const char *lang, pps_lang out[LANG_N]);

/* Writes bytes to path atomically; false with a message in dc (DIAG_OUTPUT). */
bool render_write_file(const char *path, const char *data, size_t len, diag_ctx *dc);

#endif
