/* testutil.h — helpers shared by the check tests: run a program and capture
 * its output, read files, make scratch directories. */
#ifndef PPS_TESTUTIL_H
#define PPS_TESTUTIL_H

#include <check.h>
#include <glib.h>
#include <stdbool.h>

#ifndef PPS_SOURCE_DIR
#define PPS_SOURCE_DIR "."
#endif
#ifndef PPSGEN_BIN
#define PPSGEN_BIN "ppsgen"
#endif
#ifndef PPS_TEST_OUT
#define PPS_TEST_OUT "/tmp/ppsgen-test-out"
#endif

typedef struct {
	int status;   /* exit code, or -1 when killed */
	char *out;    /* stdout, NUL-terminated */
	char *err;    /* stderr */
} run_result;

/* Runs argv (NULL-terminated) with cwd and extra environment ("K=V", NULL-terminated, may be NULL). */
run_result run_argv(const char *cwd, char **env_extra, char **argv);
/* Runs a shell command line (sh -c). */
run_result run_sh(const char *cmd);
/* Runs ppsgen with the arguments, NULL-terminated. */
run_result run_ppsgen(const char *first, ...) G_GNUC_NULL_TERMINATED;
void run_free(run_result *r);
/* A fresh empty directory under PPS_TEST_OUT (g_free the result). */
char *scratch_dir(const char *name);
/* Path under the source tree (g_free the result). */
char *src_path(const char *rel);
/* Text of `pdftotext -layout [-f N -l N] file -` (page 0 = all); g_free. */
char *pdf_text(const char *pdf, int page);
/* Number of pages (pdfinfo). */
int pdf_pages(const char *pdf);
/* Runs every test of the suite (and frees it); the process exit status. */
int run_suite(Suite *s);
/* Whole file or NULL. */
char *read_file(const char *path, gsize *len);
/* The sample statement with each FROM replaced by TO (pairs, NULL-ended;
 * each must be found), written to DIR/NAME beside a copy of its workforce
 * CSV; returns the path (g_free). */
char *sample_variant(const char *dir, const char *name, ...) G_GNUC_NULL_TERMINATED;
/* A copy of S with every FROM replaced by TO; free with g_free. */
char *replace_all(const char *s, const char *from, const char *to);

#endif
