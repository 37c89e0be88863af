/* fuzz_docx.c — libFuzzer harness over `ppsgen import`: the Word document
 * reader (docx_read: the zip, its parts, WordprocessingML), the mapping into
 * a statement (import_statement) and the amounts that match a figure
 * (import_amounts).  The oracle: whatever the document, the statement import
 * writes is one ppsgen reads without an error (an HR officer's next command
 * is `ppsgen check` on it).
 *
 * An input is either a zip archive as it is (it starts "PK": the archive
 * reader, hostile archives), or the parts of a document, each after a line
 * "--part NAME" (word/document.xml when the input has no such line), which
 * the harness zips (stored) so that the fuzzer spends its time on the XML,
 * not on checksums.  Built and run by tests/fuzz/run.sh. */
#include <glib.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "diag.h"
#include "docx_read.h"
#include "fuzz_init.h"
#include "import.h"
#include "template.h"
#include "xml_read.h"

static pps_template *tpl;
static char *path; /* the archive of the current input */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	tpl = fuzz_load("fuzz_docx", NULL);
	path = g_strdup_printf("%s/ppsgen-fuzz-docx-%d.docx", g_get_tmp_dir(), (int)getpid());
	return 0;
}

static void add_part(zipFile z, const char *name, const char *data, size_t len)
{
	if (zipOpenNewFileInZip64(z, name, NULL, NULL, 0, NULL, 0, NULL, 0, 0, len > 0xffffffffu) == ZIP_OK) {
		zipWriteInFileInZip(z, data, (unsigned)len);
		zipCloseFileInZip(z);
	}
}

/* Writes the input's archive to path; false when it cannot. */
static bool write_archive(const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == 'P' && data[1] == 'K')
		return g_file_set_contents(path, (const char *)data, (gssize)size, NULL);
	zipFile z = zipOpen64(path, APPEND_STATUS_CREATE);
	if (!z)
		return false;
	static const char MARK[] = "--part ";
	const char *p = (const char *)data, *end = p + size;
	char *name = g_strdup("word/document.xml");
	if (size >= strlen(MARK) && !memcmp(p, MARK, strlen(MARK))) {
		g_free(name);
		name = NULL;
	}
	while (p < end) {
		if (!name) { /* at a "--part NAME" line */
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *ne = nl ? nl : end;
			name = g_strndup(p + strlen(MARK), (gsize)(ne - p - (ptrdiff_t)strlen(MARK)));
			p = nl ? nl + 1 : end;
		}
		const char *next = p;
		while ((next = memchr(next, '-', (size_t)(end - next))) &&
		       !((next == (const char *)data || next[-1] == '\n') && (size_t)(end - next) >= strlen(MARK) &&
			 !memcmp(next, MARK, strlen(MARK))))
			next++;
		const char *stop = next ? next : end;
		if (*name)
			add_part(z, name, p, (size_t)(stop - p));
		g_free(name);
		name = NULL;
		p = stop;
	}
	g_free(name);
	return zipClose(z, NULL) == ZIP_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!write_archive(data, size)) {
		unlink(path);
		return 0;
	}
	diag_ctx dc;
	diag_init(&dc);
	dx_doc *d = docx_read(path, &dc);
	unlink(path);
	if (d) {
		/* Welsh now and then: the other rulebook and the other placeholders */
		bool cy = size % 2;
		import_opts o = {.lang = cy ? "cy" : "en", .jurisdiction = cy ? "wales" : "england", .year = 2026};
		char *err = NULL;
		char *xml = import_statement(d, PPS_SOURCE_DIR "/templates", &o, &dc, &err);
		if (!xml) {
			fprintf(stderr, "fuzz_docx: import wrote nothing: %s\n", err ? err : "(no reason given)");
			abort();
		}
		import_sort_messages(&dc);
		import_amounts(xml, "imported.xml", PPS_SOURCE_DIR "/templates", &dc);
		FILE *null = fopen("/dev/null", "w");
		if (null) {
			diag_print(&dc, null);
			fclose(null);
		}
		/* What import wrote must read without an error. */
		diag_ctx rc;
		diag_init(&rc);
		pps_doc *s = xml_read_statement_mem("imported.xml", xml, strlen(xml), tpl->schema, &rc);
		if (!s || rc.nerrors) {
			diag_print(&rc, stderr);
			fprintf(stderr, "fuzz_docx: the statement import wrote does not read:\n%s\n", xml);
			abort();
		}
		doc_free(s);
		diag_clear(&rc);
		g_free(xml);
		g_free(err);
		dx_free(d);
	}
	diag_clear(&dc);
	return 0;
}
