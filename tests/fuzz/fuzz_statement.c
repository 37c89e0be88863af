/* fuzz_statement.c — libFuzzer harness over what ppsgen does with a
 * statement it did not write: the safe parse and RELAX NG validation, the
 * walk into the model (xml_read_statement_mem), the figures (fig_compute),
 * the rulebook checks, and the layout (lay_document with the bundled fonts;
 * parallel as well when the statement is bilingual).  Nothing is written.
 *
 * Built and run by tests/fuzz/run.sh (clang -fsanitize=fuzzer,address,undefined,
 * with every generator source but cli.c).  PPS_SOURCE_DIR names the source
 * tree (templates/, fonts/). */
#define _GNU_SOURCE /* memmem */
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "diag.h"
#include "figures.h"
#include "fuzz_init.h"
#include "layout.h"
#include "rules.h"
#include "template.h"
#include "xml_read.h"

static pps_template *tpl;
static lay_fonts *fonts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	tpl = fuzz_load("fuzz_statement", &fonts);
	return 0;
}

static void layout(const pps_doc *d, const pps_figures *f, lay_mode mode)
{
	diag_ctx dc;
	diag_init(&dc);
	lay_options o = {.mode = mode, .first_page = 1};
	o.nlangs = mode == LAYOUT_SINGLE ? 1 : d->nlangs;
	for (int i = 0; i < o.nlangs; i++)
		o.langs[i] = d->langs[i];
	lay_book *b = lay_document(d, f, tpl, fonts, &o, &dc);
	lay_book_free(b);
	diag_clear(&dc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Paths the statement names (csv=, logo=) resolve in a folder that does
	 * not exist; an absolute one into a device or /proc would only measure
	 * how long reading 64 MiB of zeros takes. */
	static const char *const slow[] = {"/dev/", "/proc/", "/sys/"};
	for (size_t i = 0; i < sizeof slow / sizeof *slow; i++)
		if (memmem(data, size, slow[i], strlen(slow[i])))
			return -1;
	diag_ctx dc;
	diag_init(&dc);
	pps_doc *d = xml_read_statement_mem("/nonexistent-ppsgen-fuzz/statement.xml", (const char *)data, size,
					    tpl->schema, &dc);
	if (d) {
		pps_figures f;
		fig_compute(d, &f, &dc);
		check_figure_refs(d, &f, &dc);
		rules_check(d, tpl, &dc);
		/* Messages are printed in every run: exercise the formatting too. */
		FILE *null = fopen("/dev/null", "w");
		if (null) {
			diag_print(&dc, null);
			fclose(null);
		}
		if (dc.nerrors == 0) {
			layout(d, &f, LAYOUT_SINGLE);
			if (d->nlangs == 2)
				layout(d, &f, LAYOUT_PARALLEL);
		}
		fig_free(&f);
		doc_free(d);
	}
	diag_clear(&dc);
	return 0;
}
