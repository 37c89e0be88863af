/* csv_read.c — reads the workforce CSV (RFC 4180: quoted fields, "" escapes,
 * CRLF or LF, newlines inside quotes, optional UTF-8 BOM) in one pass into
 * arena-allocated employee records, with a message per bad row. */
#include "csv_read.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#define POUND "\xc2\xa3"

/* The columns ppsgen understands. */
enum { COL_SALARY, COL_ACTUAL, COL_FTE, COL_HOURS, COL_GENDER, COL_SCHOOL, COL_BONUS, COL_ID, COL_GRADE, COL_N };
static const char *const col_names[COL_N] = {"salary", "actual-salary", "fte", "hours",
					     "gender", "school", "bonus", "id", "grade"};

/* One field of the current record: its text lives in the scratch buffer. */
typedef struct {
	size_t off, len;   /* in scanner.val */
	int line;          /* where the field starts */
	const char *start; /* its first byte in the file, for the column */
	const char *lstart;/* the start of that line */
	size_t lead;       /* blanks before the text, once trimmed */
	bool trimmed;
} field;

typedef struct {
	pps_doc *d;
	diag_ctx *dc;
	const char *file;
	const char *p, *end;
	int line;           /* current line, 1-based */
	const char *lstart; /* start of the current line */
	GString *val;       /* field texts of the current record, NUL-separated */
	field *fv;          /* the current record's fields: nf of them, room for cap */
	guint nf, cap;
	int rec_line;       /* line the current record starts on */
	int nerr;           /* row errors found (listed or not) */
	int colix[COL_N];   /* field index of each known column, or -1 */
	guint nhead;        /* fields in the header */
} scanner;

/* ---- Messages --------------------------------------------------------- */

static int col_of(const char *lstart, const char *at)
{
	return (int)g_utf8_strlen(lstart, at - lstart) + 1;
}

/* A row problem at a field (or at the record when f is NULL). */
G_GNUC_PRINTF(3, 4)
static void row_error(scanner *s, const field *f, const char *fmt, ...)
{
	s->nerr++;
	if (s->nerr > CSV_MAX_ROW_ERRORS)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	int line = f ? f->line : s->rec_line;
	int col = f ? col_of(f->lstart, f->start) : 1;
	diag_emit_file(s->dc, DIAG_CSV_ROW, s->file, line, col, m);
	g_free(m);
}

/* A value as it appears in a message: quoted, cut short when long. */
static char *shown(const char *v)
{
	if (g_utf8_strlen(v, -1) <= 40)
		return g_strdup(v);
	const char *cut = g_utf8_offset_to_pointer(v, 37);
	return g_strdup_printf("%.*s...", (int)(cut - v), v);
}

/* ---- Scanning records ------------------------------------------------- */

static void newline(scanner *s, const char *next)
{
	s->line++;
	s->lstart = next;
}

/* Skips the rest of a broken record: to the next line end. */
static void skip_line(scanner *s)
{
	while (s->p < s->end && *s->p != '\n' && *s->p != '\r')
		s->p++;
	if (s->p < s->end && *s->p == '\r')
		s->p++;
	if (s->p < s->end && *s->p == '\n')
		s->p++;
	newline(s, s->p);
}

/* Bytes that end an unquoted field (or are an error in one). */
static const bool field_end[256] = {[','] = true, ['\n'] = true, ['\r'] = true, ['"'] = true};

/* Appends n bytes to the record's scratch text: a plain copy while there is
 * room, which is nearly always (it keeps the room of the longest record). */
static inline void val_add(GString *v, const char *b, size_t n)
{
	if (v->len + n + 1 > v->allocated_len) {
		g_string_append_len(v, b, (gssize)n);
		return;
	}
	memcpy(v->str + v->len, b, n);
	v->len += n;
	v->str[v->len] = '\0';
}

/* A syntax error at the current byte of field f: reported, and the rest of
 * the line skipped.  Returns next_record's -1. */
static int field_error(scanner *s, const field *f, const char *message)
{
	field at = *f;
	at.start = s->p;
	row_error(s, &at, "%s", message);
	skip_line(s);
	return -1;
}

/* Reads one record into s->fv.  Returns 0 at end of input, 1 for a
 * record, -1 for a record with a syntax error (already reported). */
static int next_record(scanner *s)
{
	g_string_truncate(s->val, 0);
	s->nf = 0;
	if (s->p >= s->end)
		return 0;
	s->rec_line = s->line;
	for (;;) {
		field f = {.off = s->val->len, .line = s->line, .start = s->p, .lstart = s->lstart};
		if (s->p < s->end && *s->p == '"') {
			s->p++;
			for (;;) {
				if (s->p >= s->end) {
					row_error(s, &f,
						  "this quoted value has no closing quote, so the rest of the file was read into it; end it with \"");
					return -1;
				}
				/* Copy up to the next quote or line end in one go. */
				const char *b = s->p;
				while (s->p < s->end && *s->p != '"' && *s->p != '\n' && *s->p != '\r')
					s->p++;
				g_string_append_len(s->val, b, s->p - b);
				if (s->p >= s->end)
					continue;
				char c = *s->p++;
				if (c == '"') {
					if (s->p < s->end && *s->p == '"') {
						g_string_append_c(s->val, '"');
						s->p++;
						continue;
					}
					break;
				}
				if (c == '\n')
					newline(s, s->p);
				else if (c == '\r' && (s->p >= s->end || *s->p != '\n'))
					newline(s, s->p);
				g_string_append_c(s->val, c);
			}
			while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
				s->p++; /* blanks after the closing quote are harmless */
			if (s->p < s->end && *s->p != ',' && *s->p != '\n' && *s->p != '\r')
				return field_error(s, &f, "text after the closing quote; put the whole value in quotes and "
							  "write a quote inside it as \"\"");
		} else {
			const char *b = s->p;
			while (s->p < s->end && !field_end[(unsigned char)*s->p])
				s->p++;
			if (s->p < s->end && *s->p == '"')
				return field_error(s, &f, "a quote inside an unquoted value; put the whole value in quotes and "
							  "write the quote as \"\"");
			val_add(s->val, b, (size_t)(s->p - b));
		}
		f.len = s->val->len - f.off;
		val_add(s->val, "", 1); /* each field's text ends with a NUL */
		if (s->nf == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 16;
			s->fv = g_renew(field, s->fv, s->cap);
		}
		s->fv[s->nf++] = f;
		if (s->p >= s->end)
			return 1;
		char c = *s->p++;
		if (c == ',')
			continue;
		if (c == '\r' && s->p < s->end && *s->p == '\n')
			s->p++;
		newline(s, s->p);
		return 1;
	}
}

static field *fld(scanner *s, int i) { return &s->fv[i]; }

/* The field's text with surrounding blanks removed (trims the scratch copy
 * in place, once). */
static char *text(scanner *s, int i)
{
	field *f = fld(s, i);
	char *t = s->val->str + f->off;
	if (f->trimmed)
		return t + f->lead;
	char *e = t + f->len;
	while (t < e && (*t == ' ' || *t == '\t'))
		t++;
	while (e > t && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*e = '\0';
	f->lead = (size_t)(t - (s->val->str + f->off));
	f->trimmed = true;
	return t;
}

static bool blank_record(scanner *s)
{
	for (guint i = 0; i < s->nf; i++)
		if (*text(s, (int)i))
			return false;
	return true;
}

/* ---- Values ------------------------------------------------------------ */

typedef enum { NUM_OK, NUM_EMPTY, NUM_BAD, NUM_PLACES, NUM_NEGATIVE, NUM_BIG } num_err;

/* A decimal scaled by 10^places: "£18,793.50" -> 1879350 (places 2).  Commas
 * must group thousands; `money` allows a leading £.  Extra decimals round
 * half up when `round`, else NUM_PLACES. */
static num_err parse_num(const char *t, bool money, int places, bool round, int64_t *out)
{
	if (!*t)
		return NUM_EMPTY;
	if (*t == '-')
		return NUM_NEGATIVE;
	if (money && strncmp(t, POUND, 2) == 0)
		for (t += 2; *t == ' '; t++)
			;
	int64_t v = 0;
	int nd = 0, frac = -1, group = -1; /* digits since the last comma; -1: no comma yet */
	bool up = false;
	for (; *t; t++) {
		char c = *t;
		if (c == ',') {
			if (frac >= 0 || nd == 0 || (group >= 0 && group != 3) || (group < 0 && nd > 3))
				return NUM_BAD;
			group = 0;
			continue;
		}
		if (c == '.') {
			if (frac >= 0 || (group >= 0 && group != 3))
				return NUM_BAD;
			frac = 0;
			continue;
		}
		if (!g_ascii_isdigit(c))
			return NUM_BAD;
		if (frac >= 0 && frac >= places) {
			if (!round)
				return NUM_PLACES;
			if (frac == places && c >= '5')
				up = true; /* half up on the first dropped digit */
			frac++;
			continue;
		}
		if (v > (INT64_MAX - 9) / 10 / 10)
			return NUM_BIG;
		v = v * 10 + (c - '0');
		nd++;
		if (frac >= 0)
			frac++;
		else if (group >= 0)
			group++;
	}
	if (nd == 0 || (group >= 0 && frac < 0 && group != 3))
		return NUM_BAD;
	for (int k = frac < 0 ? 0 : MIN(frac, places); k < places; k++) {
		if (v > INT64_MAX / 100)
			return NUM_BIG;
		v *= 10;
	}
	*out = v + (up ? 1 : 0);
	return NUM_OK;
}

static bool parse_salary(scanner *s, int i, const char *name, int64_t *out)
{
	const char *t = text(s, i);
	num_err e = parse_num(t, true, 2, false, out);
	if (e == NUM_OK && *out >= 100 && *out <= 1000000000)
		return true;
	char *v = shown(t); /* only on the error path: no allocation per good row */
	switch (e) {
	case NUM_EMPTY:
		row_error(s, fld(s, i), "%s is empty; write the annual salary in pounds, like 18793.00", name);
		break;
	case NUM_BAD:
		row_error(s, fld(s, i), "%s \"%s\" is not a number; write pounds like 18793.00", name, v);
		break;
	case NUM_PLACES:
		row_error(s, fld(s, i), "%s \"%s\" has more than two decimal places; write pounds and pence like 18793.50",
			  name, v);
		break;
	default:
		row_error(s, fld(s, i), "%s \"%s\" is not plausible; it must be between " POUND "1 and " POUND
			  "10,000,000", name, v);
		break;
	}
	g_free(v);
	return false;
}

/* Bonus pay in the 12 months to the snapshot date, pence; blank is none. */
static bool parse_bonus(scanner *s, int i, int64_t *out)
{
	const char *t = text(s, i);
	num_err e = parse_num(t, true, 2, false, out);
	if (e == NUM_EMPTY) {
		*out = 0;
		return true;
	}
	if (e == NUM_OK && *out <= 1000000000)
		return true;
	char *v = shown(t);
	switch (e) {
	case NUM_BAD:
		row_error(s, fld(s, i), "bonus \"%s\" is not a number; write the bonus pay of the 12 months to the snapshot date in pounds, like 250.00, or leave it blank for none", v);
		break;
	case NUM_PLACES:
		row_error(s, fld(s, i), "bonus \"%s\" has more than two decimal places; write pounds and pence like 250.50", v);
		break;
	case NUM_NEGATIVE:
		row_error(s, fld(s, i), "bonus \"%s\" is negative; write the bonus paid, 0 or more (a clawback is left out)", v);
		break;
	default:
		row_error(s, fld(s, i), "bonus \"%s\" is not plausible; it must be at most " POUND "10,000,000", v);
		break;
	}
	g_free(v);
	return false;
}

/* A fraction of full time in ten-thousandths; blank is full time. */
static bool parse_fte(scanner *s, int i, int32_t *out)
{
	const char *t = text(s, i);
	int64_t v = 0;
	num_err e = parse_num(t, false, 4, true, &v);
	if (e == NUM_EMPTY) {
		*out = 10000;
		return true;
	}
	if (e == NUM_OK && v > 0 && v <= 10000) {
		*out = (int32_t)v;
		return true;
	}
	char *sh = shown(t);
	if (e == NUM_BAD || e == NUM_BIG)
		row_error(s, fld(s, i), "fte \"%s\" is not a number; write the fraction of full time, like 1 or 0.5", sh);
	else
		row_error(s, fld(s, i),
			  "fte \"%s\" is not above 0 and at most 1; write the fraction of full time, like 0.5", sh);
	g_free(sh);
	return false;
}

/* Weekly contracted hours in hundredths; blank is the standard week. */
static bool parse_hours(scanner *s, int i, int32_t std, int32_t *out)
{
	const char *t = text(s, i);
	int64_t v = 0;
	num_err e = parse_num(t, false, 2, true, &v);
	if (e == NUM_EMPTY) {
		*out = std;
		return true;
	}
	if (e == NUM_OK && v > 0 && v <= std) {
		*out = (int32_t)v;
		return true;
	}
	char *sh = shown(t);
	if (e == NUM_BAD || e == NUM_BIG)
		row_error(s, fld(s, i), "hours \"%s\" is not a number; write weekly contracted hours, like 18.5", sh);
	else
		row_error(s, fld(s, i),
			  "hours \"%s\" is not above 0 and at most the standard week of %g; write weekly contracted hours, like 18.5",
			  sh, std / 100.0);
	g_free(sh);
	return false;
}

/* t is one of the n lower-case words, in any case (the first letters are
 * compared first: this runs for every row). */
static bool word_in(const char *t, const char *const *words, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (g_ascii_tolower(*t) == words[k][0] && !g_ascii_strcasecmp(t, words[k]))
			return true;
	return false;
}

static bool parse_gender(scanner *s, int i, char *out)
{
	const char *t = text(s, i);
	static const char *const f[] = {"f", "female", "w", "woman"}, *const m[] = {"m", "male", "man"};
	*out = 0;
	if (!*t)
		return true;
	if (word_in(t, f, G_N_ELEMENTS(f)))
		return *out = 'f', true;
	if (word_in(t, m, G_N_ELEMENTS(m)))
		return *out = 'm', true;
	char *sh = shown(t);
	row_error(s, fld(s, i), "gender \"%s\" is not recognised; write F or M, or leave it blank when not recorded", sh);
	g_free(sh);
	return false;
}

static bool parse_school(scanner *s, int i, bool *out)
{
	const char *t = text(s, i);
	static const char *const yes[] = {"yes", "y", "true", "1"}, *const no[] = {"no", "n", "false", "0", ""};
	if (word_in(t, yes, G_N_ELEMENTS(yes)))
		return *out = true, true;
	if (word_in(t, no, G_N_ELEMENTS(no)))
		return *out = false, true;
	char *sh = shown(t);
	row_error(s, fld(s, i), "school \"%s\" is not yes or no; write yes or no, or leave it blank for no", sh);
	g_free(sh);
	return false;
}

/* ---- The header --------------------------------------------------------- */

/* "Actual Salary", "actual_salary" and "actual-salary" are one name. */
static char *norm_name(const char *t)
{
	GString *g = g_string_new(NULL);
	for (; *t; t++)
		g_string_append_c(g, *t == ' ' || *t == '_' ? '-' : g_ascii_tolower(*t));
	return g_string_free(g, FALSE);
}

static bool read_header(scanner *s)
{
	for (int k = 0; k < COL_N; k++)
		s->colix[k] = -1;
	bool ok = true;
	s->nhead = s->nf;
	for (guint i = 0; i < s->nf; i++) {
		char *n = norm_name(text(s, (int)i));
		for (int k = 0; k < COL_N; k++) {
			if (strcmp(n, col_names[k]) != 0)
				continue;
			if (s->colix[k] >= 0) {
				row_error(s, fld(s, (int)i), "the column \"%s\" appears twice (columns %d and %u); keep one",
					  col_names[k], s->colix[k] + 1, i + 1);
				ok = false;
			} else {
				s->colix[k] = (int)i;
			}
		}
		g_free(n);
	}
	if (s->colix[COL_SALARY] < 0 && s->colix[COL_ACTUAL] < 0) {
		GString *found = g_string_new(NULL);
		for (guint i = 0; i < s->nf; i++)
			g_string_append_printf(found, "%s\"%s\"", i ? ", " : "", text(s, (int)i));
		row_error(s, NULL,
			  "the header has no salary column (it has %s); name the column of full-time equivalent annual salaries \"salary\"",
			  found->str);
		g_string_free(found, TRUE);
		ok = false;
	}
	if (s->colix[COL_SALARY] >= 0 && s->colix[COL_ACTUAL] >= 0) {
		row_error(s, fld(s, s->colix[COL_ACTUAL]),
			  "the header has both \"salary\" and \"actual-salary\"; keep one (salary is full-time equivalent)");
		ok = false;
	}
	if (s->colix[COL_FTE] >= 0 && s->colix[COL_HOURS] >= 0) {
		row_error(s, fld(s, s->colix[COL_HOURS]), "the header has both \"fte\" and \"hours\"; keep one");
		ok = false;
	}
	return ok;
}

/* ---- Rows --------------------------------------------------------------- */

/* Fills e from the current record; false (reported) when a value is bad. */
static bool read_row(scanner *s, pps_employee *e, int32_t std_hours)
{
	/* Spreadsheets often add empty trailing fields: only non-empty extras count. */
	guint used = s->nf;
	while (used > s->nhead && !*text(s, (int)used - 1))
		used--;
	if (used != s->nhead) {
		row_error(s, NULL,
			  "this row has %u values but the header has %u; %s",
			  used, s->nhead,
			  used > s->nhead ? "a value with a comma in it must be in double quotes"
					  : "write a comma for every column, even where the value is empty");
		return false;
	}
	*e = (pps_employee){.fte_e4 = 10000, .line = s->rec_line};
	bool ok = true;
	int32_t hours = std_hours;
	if (s->colix[COL_FTE] >= 0)
		ok &= parse_fte(s, s->colix[COL_FTE], &e->fte_e4);
	else if (s->colix[COL_HOURS] >= 0 && parse_hours(s, s->colix[COL_HOURS], std_hours, &hours))
		e->fte_e4 = (int32_t)(((int64_t)hours * 20000 + std_hours) / (2 * (int64_t)std_hours));
	else if (s->colix[COL_HOURS] >= 0)
		ok = false;
	if (s->colix[COL_SALARY] >= 0) {
		ok &= parse_salary(s, s->colix[COL_SALARY], "salary", &e->salary);
	} else {
		int64_t actual;
		if (parse_salary(s, s->colix[COL_ACTUAL], "actual-salary", &actual) && ok) {
			/* Gross up to full time, half up to the penny: by the hours
			 * when given (exact), else by the FTE fraction. */
			int64_t num = s->colix[COL_HOURS] >= 0 ? actual * std_hours : actual * 10000;
			int64_t den = s->colix[COL_HOURS] >= 0 ? hours : e->fte_e4;
			e->salary = (num * 2 + den) / (2 * den);
		} else {
			ok = false;
		}
	}
	if (s->colix[COL_GENDER] >= 0)
		ok &= parse_gender(s, s->colix[COL_GENDER], &e->gender);
	if (s->colix[COL_SCHOOL] >= 0)
		ok &= parse_school(s, s->colix[COL_SCHOOL], &e->school);
	if (s->colix[COL_BONUS] >= 0)
		ok &= parse_bonus(s, s->colix[COL_BONUS], &e->bonus);
	return ok;
}

bool csv_parse_workforce(pps_doc *d, const char *file, const char *buf, size_t len, diag_ctx *dc)
{
	int errors_before = dc->nerrors;
	scanner s = {
		.d = d,
		.dc = dc,
		.file = file,
		.p = buf,
		.end = buf + len,
		.line = 1,
		.lstart = buf,
		.val = g_string_sized_new(256),
	};
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		s.p = s.lstart = buf + 3;
	int32_t std = d->hours_x100 > 0 ? d->hours_x100 : 3700;

	/* Room for every line as a record: one arena block, no per-row allocation. */
	size_t cap = 1;
	for (const char *q = s.p; (q = memchr(q, '\n', (size_t)(s.end - q))) != NULL; q++)
		if (++cap > CSV_MAX_ROWS + 1)
			break;
	pps_workforce *w = &d->workforce;
	pps_employee *emp = arena_array(d->arena, cap + (size_t)w->nemp, sizeof(pps_employee));
	if (w->nemp)
		memcpy(emp, w->emp, sizeof(pps_employee) * (size_t)w->nemp);
	int n = w->nemp, rows = 0;

	int r;
	bool header = false, header_ok = false;
	while ((r = next_record(&s)) != 0) {
		if (r < 0)
			continue;
		if (blank_record(&s))
			continue;
		if (!header) {
			header = true;
			header_ok = read_header(&s);
			if (!header_ok)
				break;
			continue;
		}
		if (++rows > CSV_MAX_ROWS) {
			s.nerr = 0; /* always listed */
			row_error(&s, NULL,
				  "the file has more than 1,000,000 rows; ppsgen reads at most 1,000,000 employees, so split or summarise the data");
			break;
		}
		pps_employee e;
		if (read_row(&s, &e, std))
			emp[n++] = e;
	}
	if (!header)
		diag_emit_file(dc, DIAG_CSV_ROW, file, 1, 1,
			       "the file is empty; the first line must name the columns, like salary,fte,gender,school");
	if (s.nerr > CSV_MAX_ROW_ERRORS) {
		char *m = g_strdup_printf("%d more rows have errors (only the first %d are listed); fix those above and run again",
					  s.nerr - CSV_MAX_ROW_ERRORS, CSV_MAX_ROW_ERRORS);
		diag_emit_file(dc, DIAG_CSV_ROW, file, 0, 0, m);
		g_free(m);
	}
	w->emp = emp;
	w->nemp = n;
	if (header_ok && s.colix[COL_BONUS] >= 0)
		w->has_bonus = true;
	g_string_free(s.val, TRUE);
	g_free(s.fv);
	return dc->nerrors == errors_before;
}

/* The whole file at path, at most CSV_MAX_BYTES, into *out; code reports why not. */
static bool read_limited(const char *path, int code, diag_ctx *dc, GString **out)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		diag_emit_file(dc, code, path, 0, 0, path, g_strerror(errno));
		return false;
	}
	GStatBuf st;
	if (g_stat(path, &st) == 0 && (size_t)st.st_size > CSV_MAX_BYTES) {
		char *m = g_strdup_printf("it is %lld bytes, over the limit of 64 MiB; remove unused columns or split it",
					  (long long)st.st_size);
		diag_emit_file(dc, code, path, 0, 0, path, m);
		g_free(m);
		fclose(fp);
		return false;
	}
	/* Read at most one byte past the limit, so a file that grew is caught too. */
	GString *buf = g_string_sized_new(st.st_size > 0 ? (gsize)st.st_size + 1 : 4096);
	char chunk[65536];
	size_t got;
	bool too_big = false;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		g_string_append_len(buf, chunk, (gssize)got);
		if (buf->len > CSV_MAX_BYTES) {
			too_big = true;
			break;
		}
	}
	bool failed = ferror(fp);
	int err = errno;
	fclose(fp);
	if (failed)
		diag_emit_file(dc, code, path, 0, 0, path, g_strerror(err));
	else if (too_big)
		diag_emit_file(dc, code, path, 0, 0, path, "it is over the limit of 64 MiB; remove unused columns or split it");
	if (failed || too_big) {
		g_string_free(buf, TRUE);
		return false;
	}
	*out = buf;
	return true;
}

bool csv_read_workforce(pps_doc *d, diag_ctx *dc)
{
	const char *path = d->workforce.csv;
	if (!path)
		return true;
	GString *buf;
	if (!read_limited(path, DIAG_CSV_READ, dc, &buf))
		return false;
	bool ok = csv_parse_workforce(d, path, buf->str, buf->len, dc);
	g_string_free(buf, TRUE);
	return ok;
}

/* ---- Pay scales ---------------------------------------------------------- */

/* The point before the one just appended: a grade's run goes on only from it. */
static int prev_point(GArray *points)
{
	return points->len >= 2 ? g_array_index(points, pps_point, points->len - 2).n : -1;
}

bool csv_parse_scale(pps_doc *d, pps_scale *sc, const char *file, const char *buf, size_t len, diag_ctx *dc)
{
	int errors_before = dc->nerrors;
	scanner s = {.d = d, .dc = dc, .file = file, .p = buf, .end = buf + len, .line = 1, .lstart = buf,
		     .val = g_string_sized_new(256)};
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		s.p = s.lstart = buf + 3;
	GArray *points = g_array_new(FALSE, TRUE, sizeof(pps_point));
	GArray *grades = g_array_new(FALSE, TRUE, sizeof(pps_grade));
	int pcol = -1, gcol = -1, nsal = 0;
	int *salcol = NULL;
	bool header = false, ok = true;
	int r;
	while ((r = next_record(&s)) != 0 && ok) {
		if (r < 0 || blank_record(&s))
			continue;
		if (!header) {
			header = true;
			salcol = g_new0(int, s.nf + 1);
			for (guint i = 0; i < s.nf; i++) {
				char *n = norm_name(text(&s, (int)i));
				if (!strcmp(n, "point") && pcol < 0)
					pcol = (int)i;
				else if (!strcmp(n, "grade") && gcol < 0)
					gcol = (int)i;
				else
					salcol[nsal++] = (int)i;
				g_free(n);
			}
			s.nhead = s.nf;
			if (pcol < 0) {
				row_error(&s, NULL, "the header has no \"point\" column; name the column of spinal points \"point\"");
				ok = false;
			} else if (nsal != sc->ncols) {
				row_error(&s, NULL,
					  "the file has %d salary column%s but scale \"%s\" has %d; give one <column> in the scale for each salary column",
					  nsal, nsal == 1 ? "" : "s", sc->id ? sc->id : "", sc->ncols);
				ok = false;
			}
			continue;
		}
		if (s.nf != s.nhead) {
			row_error(&s, NULL, "this row has %u fields but the header has %u; every row needs one per column", s.nf,
				  s.nhead);
			continue;
		}
		const field *pf = fld(&s, pcol);
		pps_point p = {.pos = {file, pf->line, col_of(pf->lstart, pf->start) + (int)pf->lead}};
		const char *pt = text(&s, pcol);
		char *endp;
		long n = strtol(pt, &endp, 10);
		if (!*pt || *endp || n < 0 || n > 100000) {
			char *v = shown(pt);
			row_error(&s, pf, "point \"%s\" is not a whole number; write the spinal point like 12", v);
			g_free(v);
			continue;
		}
		p.n = (int)n;
		p.salary = arena_array(d->arena, (size_t)nsal, sizeof(int64_t));
		p.extra = arena_array(d->arena, (size_t)sc->nextra + 1, sizeof(char *));
		bool good = true;
		for (int k = 0; k < nsal; k++)
			good &= parse_salary(&s, salcol[k], "salary", &p.salary[k]);
		if (!good)
			continue;
		if (points->len) {
			const pps_point *prev = &g_array_index(points, pps_point, points->len - 1);
			if (p.n <= prev->n) {
				row_error(&s, pf, "point %d comes after point %d; list points in ascending order", p.n, prev->n);
				continue;
			}
			if (p.salary[0] < prev->salary[0]) {
				row_error(&s, fld(&s, salcol[0]),
					  "point %d is paid less than point %d; salaries must rise with the points", p.n, prev->n);
				continue;
			}
		}
		g_array_append_val(points, p);
		if (gcol >= 0 && !sc->ngrades) {
			const char *g = text(&s, gcol);
			pps_grade *last = grades->len ? &g_array_index(grades, pps_grade, grades->len - 1) : NULL;
			if (!*g)
				continue;
			if (last && !strcmp(last->id, g) && last->to == prev_point(points)) {
				last->to = p.n;
			} else {
				for (guint i = 0; i < grades->len; i++)
					if (!strcmp(g_array_index(grades, pps_grade, i).id, g)) {
						char *v = shown(g);
						row_error(&s, fld(&s, gcol),
							  "grade \"%s\" appears again after other grades; a grade's points must be together", v);
						g_free(v);
						good = false;
					}
				if (good) {
					pps_grade ng = {.id = arena_strdup(d->arena, g), .from = p.n, .to = p.n, .pos = p.pos};
					g_array_append_val(grades, ng);
				}
			}
		}
	}
	if (!header)
		diag_emit_file(dc, DIAG_CSV_ROW, file, 1, 1,
			       "the file is empty; the first line must name the columns, like point,salary,grade");
	else if (ok && !points->len && dc->nerrors == errors_before)
		diag_emit_file(dc, DIAG_CSV_ROW, file, 2, 1, "the file has no points after its header; add a line like 2,23656");
	if (s.nerr > CSV_MAX_ROW_ERRORS) {
		char *m = g_strdup_printf("%d more rows have errors (only the first %d are listed); fix those above and run again",
					  s.nerr - CSV_MAX_ROW_ERRORS, CSV_MAX_ROW_ERRORS);
		diag_emit_file(dc, DIAG_CSV_ROW, file, 0, 0, m);
		g_free(m);
	}
	sc->npoints = (int)points->len;
	sc->points = arena_memdup(d->arena, points->data, sizeof(pps_point) * points->len);
	if (!sc->ngrades && grades->len) {
		sc->ngrades = (int)grades->len;
		sc->grades = arena_memdup(d->arena, grades->data, sizeof(pps_grade) * grades->len);
	}
	g_array_free(points, TRUE);
	g_array_free(grades, TRUE);
	g_free(salcol);
	g_string_free(s.val, TRUE);
	g_free(s.fv);
	return dc->nerrors == errors_before;
}

bool csv_read_scale(pps_doc *d, pps_scale *s, const char *path, diag_ctx *dc)
{
	GString *buf;
	if (!read_limited(path, DIAG_SCALE_CSV_READ, dc, &buf))
		return false;
	bool ok = csv_parse_scale(d, s, path, buf->str, buf->len, dc);
	g_string_free(buf, TRUE);
	return ok;
}
