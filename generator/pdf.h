/* pdf.h — the device: draws a laid-out book with cairo into a tagged PDF in
 * memory, then finishes it with pdf_post (what cairo 1.16 cannot write). */
#ifndef PPS_PDF_H
#define PPS_PDF_H

#include <glib.h>
#include <stdint.h>

#include "layout.h"

/* Draws b into out (a complete, post-processed PDF), releasing each page's
 * layouts once drawn (b's ops are spent afterwards).  date: seconds since the
 * epoch for every date in the file (SOURCE_DATE_EPOCH).  false with a reason
 * in err on failure. */
bool pdf_write(lay_book *b, lay_fonts *fonts, int64_t date, GByteArray *out, GString *err);

#endif
