/* pdf.h — the device: draws a laid-out book with cairo into a tagged PDF in
 * memory, then finishes it with pdf_post (what cairo 1.16 cannot write). */
#ifndef PPS_PDF_H
#define PPS_PDF_H

#include <glib.h>
#include <stdint.h>

#include "layout.h"

/* Once per process, before any thread draws: asks cairo to store page
 * content uncompressed (its CAIRO_DEBUG_PDF switch), since pdf_post rewrites
 * every page's content and compresses it once; without this cairo would
 * compress it and pdf_post decompress it again (about 3% of a render).  The
 * output is the same either way, compressed. */
void pdf_init(void);

/* Draws b into out (a complete, post-processed PDF), releasing each page's
 * layouts once drawn (b's ops are spent afterwards).  date: seconds since the
 * epoch for every date in the file (SOURCE_DATE_EPOCH).  false with a reason
 * in err on failure. */
bool pdf_write(lay_book *b, lay_fonts *fonts, int64_t date, GByteArray *out, GString *err);

#endif
