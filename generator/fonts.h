/* fonts.h — the bundled fonts as Pango sees them.  Only fontconfig, Pango
 * and cairo: the layout stage builds on it, and so does the benchmark's
 * floor (tests/bench/floor.c), so both shape with the very same fonts. */
#ifndef PPS_FONTS_H
#define PPS_FONTS_H

#include <fontconfig/fontconfig.h>
#include <pango/pango.h>

/* A fontconfig set-up holding exactly the .ttf/.otf files of fonts_dir
 * (sorted; no cache written, no host fonts); NULL when there are none. */
FcConfig *fonts_config(const char *fonts_dir);

/* A Pango context on a new cairo font map over fc (the map holds its own
 * reference to fc): 72 dpi, so points are PDF units; glyph positions not
 * rounded and no hinting, so widths are the same at any size.  *map gets
 * the font map, which the caller unrefs after the context. */
PangoContext *fonts_context(FcConfig *fc, PangoFontMap **map);

#endif
