/* fuzz_init.h — what each fuzz harness loads once, in LLVMFuzzerInitialize:
 * the bundled templates (and, for a harness that lays out, the fonts) from
 * PPS_SOURCE_DIR.  Without them there is nothing to fuzz, so a failure
 * prints why and aborts.  Included by one harness per binary only. */
#ifndef PPS_FUZZ_INIT_H
#define PPS_FUZZ_INIT_H

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "layout.h"
#include "template.h"

#ifndef PPS_SOURCE_DIR
#define PPS_SOURCE_DIR "."
#endif

/* The templates; the fonts too when fonts is not NULL.  who: the harness's
 * name, for the message. */
static pps_template *fuzz_load(const char *who, lay_fonts **fonts)
{
	xmlInitParser();
	diag_ctx dc;
	diag_init(&dc);
	pps_template *t = tpl_load(PPS_SOURCE_DIR "/templates", PPS_SOURCE_DIR "/fonts", &dc);
	if (t && fonts)
		*fonts = lay_fonts_new(t, &dc);
	if (!t || (fonts && !*fonts)) {
		diag_print(&dc, stderr);
		fprintf(stderr, "%s: cannot load the templates%s from %s\n", who, fonts ? " and fonts" : "", PPS_SOURCE_DIR);
		abort();
	}
	diag_clear(&dc);
	return t;
}

#endif
