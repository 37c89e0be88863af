/* pdf_artifacts.c — the content-stream half of pdf_post (pdf_post.h): a
 * tokenizer for PDF content streams (strings, arrays, dictionaries, inline
 * images skipped whole) that finds the painting done outside marked content
 * and wraps it in /Artifact BMC ... EMC, never splitting a text or path
 * object or an operator's operands. */
#include "pdf_post.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Content-stream tokens (PDF 32000-1 §7.2, §7.8.2)                         */

typedef enum {
	TK_END,     /* end of input */
	TK_OPERAND, /* number, name, (string), <hex>, true, false, null */
	TK_OPEN,    /* [ << { */
	TK_CLOSE,   /* ] >> } */
	TK_KEYWORD, /* an operator, or ID / EI inside an inline image */
	TK_ERROR,
} tok_kind;

typedef struct {
	tok_kind kind;
	size_t start, end; /* byte offsets [start, end) */
} tok;

typedef struct {
	const char *s;
	size_t len, pos;
	GString *err; /* may be NULL */
	bool failed;
} lexer;

/* Byte classes of PDF 32000-1 §7.2.2: white space, delimiters, the rest. */
enum { C_REGULAR, C_WS, C_DELIM };

static const unsigned char byte_class[256] = {
	[0] = C_WS, ['\t'] = C_WS, ['\n'] = C_WS, ['\f'] = C_WS, ['\r'] = C_WS, [' '] = C_WS,
	['('] = C_DELIM, [')'] = C_DELIM, ['<'] = C_DELIM, ['>'] = C_DELIM, ['['] = C_DELIM,
	[']'] = C_DELIM, ['{'] = C_DELIM, ['}'] = C_DELIM, ['/'] = C_DELIM, ['%'] = C_DELIM,
};

static bool is_ws(unsigned char c) { return byte_class[c] == C_WS; }

static bool is_regular(unsigned char c) { return byte_class[c] == C_REGULAR; }

static tok lex_fail(lexer *lx, size_t at, const char *what)
{
	lx->failed = true;
	if (lx->err)
		g_string_printf(lx->err, "content stream, byte %zu: %s", at, what);
	return (tok){ TK_ERROR, at, at };
}

static bool tok_is(const lexer *lx, tok t, const char *word)
{
	size_t n = strlen(word);
	return t.end - t.start == n && memcmp(lx->s + t.start, word, n) == 0;
}

static tok lex_next(lexer *lx)
{
	const char *s = lx->s;
	size_t n = lx->len, i = lx->pos;
	for (;;) { /* white space and comments separate tokens */
		while (i < n && is_ws((unsigned char)s[i]))
			i++;
		if (i < n && s[i] == '%') {
			while (i < n && s[i] != '\n' && s[i] != '\r')
				i++;
			continue;
		}
		break;
	}
	tok t = { TK_END, i, i };
	if (i >= n) {
		lx->pos = i;
		return t;
	}
	size_t j = i + 1;
	switch (s[i]) {
	case '(': {
		/* Literal string: balanced parentheses nest; a backslash escapes the
		 * next byte, which covers \( \) \\ (octal digits need no care). */
		int depth = 1;
		while (j < n && depth > 0) {
			if (s[j] == '\\')
				j++;
			else if (s[j] == '(')
				depth++;
			else if (s[j] == ')')
				depth--;
			j++;
		}
		if (depth > 0)
			return lex_fail(lx, i, "unterminated string");
		t.kind = TK_OPERAND;
		break;
	}
	case '<':
		if (j < n && s[j] == '<') {
			t.kind = TK_OPEN;
			j++;
			break;
		}
		while (j < n && s[j] != '>') {
			if (!is_ws((unsigned char)s[j]) && !g_ascii_isxdigit(s[j]))
				return lex_fail(lx, j, "bad character in hex string");
			j++;
		}
		if (j >= n)
			return lex_fail(lx, i, "unterminated hex string");
		j++;
		t.kind = TK_OPERAND;
		break;
	case '>':
		if (j < n && s[j] == '>') {
			t.kind = TK_CLOSE;
			j++;
			break;
		}
		return lex_fail(lx, i, "'>' outside a hex string");
	case '[':
	case '{':
		t.kind = TK_OPEN;
		break;
	case ']':
	case '}':
		t.kind = TK_CLOSE;
		break;
	case ')':
		return lex_fail(lx, i, "unbalanced ')'");
	case '/':
		while (j < n && is_regular((unsigned char)s[j]))
			j++;
		t.kind = TK_OPERAND;
		break;
	default:
		while (j < n && is_regular((unsigned char)s[j]))
			j++;
		t.end = j;
		if (g_ascii_isdigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.' ||
		    (strchr("tfn", s[i]) && (tok_is(lx, t, "true") || tok_is(lx, t, "false") || tok_is(lx, t, "null"))))
			t.kind = TK_OPERAND;
		else
			t.kind = TK_KEYWORD;
		break;
	}
	t.end = j;
	lx->pos = j;
	return t;
}

/* ------------------------------------------------------------------------ */
/* Operations: operands followed by one operator                             */

typedef struct {
	size_t start, end;         /* first operand .. end of operator (of EI for BI) */
	size_t name, name_len;     /* the operator */
} op;

/* The scalar facts of an inline image dictionary that fix its data length. */
typedef struct {
	long long w, h, bpc, ncomp, length; /* -1: not given / unknown */
	bool mask;
	enum { FILT_NONE, FILT_A85, FILT_AHX, FILT_OTHER } filter;
} inline_image;

static long long tok_int(const lexer *lx, tok t)
{
	char buf[32];
	size_t n = t.end - t.start;
	if (t.kind != TK_OPERAND || n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, lx->s + t.start, n);
	buf[n] = 0;
	char *end;
	long long v = g_ascii_strtoll(buf, &end, 10);
	return *end == 0 && v >= 0 ? v : -1;
}

static void ii_filter(inline_image *ii, const lexer *lx, tok name)
{
	if (tok_is(lx, name, "/A85") || tok_is(lx, name, "/ASCII85Decode"))
		ii->filter = FILT_A85;
	else if (tok_is(lx, name, "/AHx") || tok_is(lx, name, "/ASCIIHexDecode"))
		ii->filter = FILT_AHX;
	else
		ii->filter = FILT_OTHER;
}

static void ii_colour_space(inline_image *ii, const lexer *lx, tok name)
{
	if (tok_is(lx, name, "/G") || tok_is(lx, name, "/DeviceGray") ||
	    tok_is(lx, name, "/I") || tok_is(lx, name, "/Indexed"))
		ii->ncomp = 1;
	else if (tok_is(lx, name, "/RGB") || tok_is(lx, name, "/DeviceRGB"))
		ii->ncomp = 3;
	else if (tok_is(lx, name, "/CMYK") || tok_is(lx, name, "/DeviceCMYK"))
		ii->ncomp = 4;
}

/* Reads one dictionary value; for an array, *first is its first element
 * (else the value itself).  Nested arrays and dictionaries are skipped. */
static bool ii_value(lexer *lx, tok *first)
{
	tok v = lex_next(lx);
	*first = v;
	if (v.kind == TK_OPERAND)
		return true;
	if (v.kind != TK_OPEN) {
		if (v.kind != TK_ERROR)
			lex_fail(lx, v.start, "inline image dictionary has a key without a value");
		return false;
	}
	int depth = 1;
	bool seen = false;
	while (depth > 0) {
		tok t = lex_next(lx);
		if (t.kind == TK_ERROR)
			return false;
		if (t.kind == TK_END || t.kind == TK_KEYWORD) {
			lex_fail(lx, v.start, "unterminated array or dictionary in inline image");
			return false;
		}
		if (!seen) {
			*first = t;
			seen = true;
		}
		depth += t.kind == TK_OPEN ? 1 : t.kind == TK_CLOSE ? -1 : 0;
	}
	return true;
}

/* Offset of the first mark in s[from, n), or SIZE_MAX (content streams are
 * binary: no str* functions, which stop at NUL). */
static size_t find_mark(const char *s, size_t from, size_t n, const char *mark)
{
	size_t m = strlen(mark);
	for (size_t i = from; i + m <= n; i++)
		if (memcmp(s + i, mark, m) == 0)
			return i;
	return SIZE_MAX;
}

/* Where the EI ending inline-image data that starts at p lies, or SIZE_MAX:
 * tried at a known data end first, else the first "EI" with white space
 * before it and a delimiter or white space (or the end) after it. */
static size_t ii_find_ei(const lexer *lx, size_t p, size_t data_end)
{
	const char *s = lx->s;
	size_t n = lx->len;
	if (data_end != SIZE_MAX && data_end <= n) {
		size_t q = data_end;
		while (q < n && is_ws((unsigned char)s[q]))
			q++;
		if (q + 2 <= n && s[q] == 'E' && s[q + 1] == 'I' &&
		    (q + 2 == n || !is_regular((unsigned char)s[q + 2])))
			return q;
	}
	for (size_t q = p; q + 2 <= n; q++)
		if (s[q] == 'E' && s[q + 1] == 'I' && q > 0 && is_ws((unsigned char)s[q - 1]) &&
		    (q + 2 == n || !is_regular((unsigned char)s[q + 2])))
			return q;
	return SIZE_MAX;
}

/* After the BI operator: the dictionary, ID, the data, EI.  Sets o->end to
 * the end of EI.  The data length comes from /L (PDF 2.0), or from the
 * image size when unfiltered, or the end-of-data marker of A85/AHx, and only
 * as a last resort from where "EI" appears. */
static bool read_inline_image(lexer *lx, op *o)
{
	inline_image ii = { -1, -1, -1, -1, -1, false, FILT_NONE };
	for (;;) {
		tok k = lex_next(lx);
		if (k.kind == TK_ERROR)
			return false;
		if (k.kind == TK_KEYWORD && tok_is(lx, k, "ID"))
			break;
		if (k.kind != TK_OPERAND || lx->s[k.start] != '/') {
			lex_fail(lx, k.start, k.kind == TK_END ? "inline image without ID"
			                                       : "inline image key is not a name");
			return false;
		}
		tok v;
		if (!ii_value(lx, &v))
			return false;
		if (tok_is(lx, k, "/W") || tok_is(lx, k, "/Width"))
			ii.w = tok_int(lx, v);
		else if (tok_is(lx, k, "/H") || tok_is(lx, k, "/Height"))
			ii.h = tok_int(lx, v);
		else if (tok_is(lx, k, "/BPC") || tok_is(lx, k, "/BitsPerComponent"))
			ii.bpc = tok_int(lx, v);
		else if (tok_is(lx, k, "/L") || tok_is(lx, k, "/Length"))
			ii.length = tok_int(lx, v);
		else if (tok_is(lx, k, "/IM") || tok_is(lx, k, "/ImageMask"))
			ii.mask = tok_is(lx, v, "true");
		else if (tok_is(lx, k, "/F") || tok_is(lx, k, "/Filter"))
			ii_filter(&ii, lx, v);
		else if (tok_is(lx, k, "/CS") || tok_is(lx, k, "/ColorSpace"))
			ii_colour_space(&ii, lx, v);
	}
	/* One white-space byte separates ID from the data. */
	size_t p = lx->pos;
	if (p < lx->len && is_ws((unsigned char)lx->s[p]))
		p++;
	size_t data_end = SIZE_MAX;
	if (ii.length >= 0) {
		data_end = p + (size_t)ii.length;
	} else if (ii.filter == FILT_NONE) {
		long long ncomp = ii.mask ? 1 : ii.ncomp, bpc = ii.mask ? 1 : ii.bpc;
		/* Limits keep the product far below 2^63. */
		if (ii.w > 0 && ii.w < (1 << 20) && ii.h > 0 && ii.h < (1 << 20) &&
		    ncomp > 0 && ncomp <= 4 && bpc > 0 && bpc <= 16)
			data_end = p + (size_t)(((ii.w * ncomp * bpc + 7) / 8) * ii.h);
	} else if (ii.filter == FILT_A85 || ii.filter == FILT_AHX) {
		const char *mark = ii.filter == FILT_A85 ? "~>" : ">";
		size_t hit = find_mark(lx->s, p, lx->len, mark);
		if (hit != SIZE_MAX)
			data_end = hit + strlen(mark);
	}
	size_t ei = ii_find_ei(lx, p, data_end);
	if (ei == SIZE_MAX) {
		lex_fail(lx, o->start, "inline image without EI");
		return false;
	}
	o->end = lx->pos = ei + 2;
	return true;
}

/* Reads the next operation.  Returns false at the end of input, and also
 * on an error (then lx->failed is set). */
static bool next_op(lexer *lx, op *o)
{
	int nest = 0;
	size_t open_at = 0;
	bool started = false;
	for (;;) {
		tok t = lex_next(lx);
		switch (t.kind) {
		case TK_ERROR:
			return false;
		case TK_END:
			if (nest > 0)
				lex_fail(lx, open_at, "unterminated array or dictionary");
			else if (started)
				lex_fail(lx, o->start, "operands without an operator at the end");
			return false;
		case TK_OPEN:
			if (nest++ == 0)
				open_at = t.start;
			break;
		case TK_CLOSE:
			if (nest-- == 0) {
				lex_fail(lx, t.start, "unbalanced ']' or '>>'");
				return false;
			}
			break;
		case TK_OPERAND:
			break;
		case TK_KEYWORD:
			if (nest > 0) {
				lex_fail(lx, t.start, "operator inside an array or dictionary");
				return false;
			}
			break;
		}
		if (!started) {
			o->start = t.start;
			started = true;
		}
		if (t.kind == TK_KEYWORD) {
			o->end = t.end;
			o->name = t.start;
			o->name_len = t.end - t.start;
			return !tok_is(lx, t, "BI") || read_inline_image(lx, o);
		}
	}
}

/* ------------------------------------------------------------------------ */
/* Operators grouped into graphics objects (PDF 32000-1 §8.2, Figure 9)     */

typedef enum {
	K_OTHER,    /* graphics state, colour, text state, MP, DP, BX, EX, ... */
	K_QPUSH,    /* q */
	K_QPOP,     /* Q */
	K_BT,
	K_ET,
	K_MC_BEGIN, /* BMC, BDC */
	K_MC_END,   /* EMC */
	K_PATH,     /* m l c v y h re: path construction */
	K_CLIP,     /* W W* */
	K_PAINT,    /* S s f F f* B B* b b*: paints */
	K_ENDPATH,  /* n: ends a path without painting (clipping only) */
	K_DRAW,     /* Do, sh, BI..EI, and text showing outside BT (malformed but drawn) */
} op_kind;

/* The operator's kind, by its name (one to three bytes for all that matter). */
static op_kind classify(const lexer *lx, const op *o)
{
	const char *n = lx->s + o->name;
	switch (o->name_len) {
	case 1:
		switch (n[0]) {
		case 'q': return K_QPUSH;
		case 'Q': return K_QPOP;
		case 'm': case 'l': case 'c': case 'v': case 'y': case 'h': return K_PATH;
		case 'W': return K_CLIP;
		case 'S': case 's': case 'f': case 'F': case 'B': case 'b': return K_PAINT;
		case 'n': return K_ENDPATH;
		case '\'': case '"': return K_DRAW;
		default: return K_OTHER;
		}
	case 2: {
		static const struct {
			char name[3];
			op_kind kind;
		} two[] = {
			{ "BT", K_BT },    { "ET", K_ET },    { "re", K_PATH },  { "W*", K_CLIP },
			{ "f*", K_PAINT }, { "B*", K_PAINT }, { "b*", K_PAINT }, { "Do", K_DRAW },
			{ "sh", K_DRAW },  { "BI", K_DRAW },  { "Tj", K_DRAW },  { "TJ", K_DRAW },
		};
		for (size_t i = 0; i < G_N_ELEMENTS(two); i++)
			if (n[0] == two[i].name[0] && n[1] == two[i].name[1])
				return two[i].kind;
		return K_OTHER;
	}
	case 3:
		if (memcmp(n, "BMC", 3) == 0 || memcmp(n, "BDC", 3) == 0)
			return K_MC_BEGIN;
		return memcmp(n, "EMC", 3) == 0 ? K_MC_END : K_OTHER;
	default:
		return K_OTHER;
	}
}

/* A unit is one place where marked content may begin or end around it. */
typedef enum {
	U_STATE,    /* draws nothing: q, Q, cm, colours, unpainted (clip) paths */
	U_DRAW,     /* a painting graphics object */
	U_MC,       /* BMC/BDC (mc +1) or EMC (mc -1); also a text object whose
	             * own marked content is unbalanced (mc its net change) */
} unit_kind;

typedef struct {
	size_t start, end;
	unit_kind kind;
	int q;      /* +1 for q, -1 for Q */
	int mc;     /* U_MC: change in marked-content depth */
	int mc_min; /* U_MC: lowest depth reached inside, relative to before */
} unit;

/* One reader with one operation of look-ahead (a path object ends when a
 * non-path operator arrives, which then starts the next unit). */
typedef struct {
	lexer lx;
	op held;
	bool have_held;
} op_reader;

static bool read_op(op_reader *r, op *o)
{
	if (r->have_held) {
		*o = r->held;
		r->have_held = false;
		return true;
	}
	return next_op(&r->lx, o);
}

/* BT was read as o: the unit runs to its ET.  Marked content inside a
 * text object (cairo's ligature /Span << /ActualText >> BDC) is fine when
 * balanced; otherwise the text object acts as a marked-content operator. */
static bool read_text_object(op_reader *r, const op *bt, unit *u)
{
	int depth = 0, low = 0;
	op o;
	while (read_op(r, &o)) {
		switch (classify(&r->lx, &o)) {
		case K_BT:
			lex_fail(&r->lx, o.start, "BT inside a text object");
			return false;
		case K_ET:
			u->end = o.end;
			u->kind = depth == 0 && low == 0 ? U_DRAW : U_MC;
			u->mc = depth;
			u->mc_min = low;
			return true;
		case K_MC_BEGIN:
			depth++;
			break;
		case K_MC_END:
			depth--;
			low = MIN(low, depth); /* MIN evaluates its arguments twice */
			break;
		default:
			break;
		}
	}
	if (!r->lx.failed)
		lex_fail(&r->lx, bt->start, "BT without ET");
	return false;
}

/* A path object: construction operators, an optional clip, then a painting
 * operator or n.  Without a closing operator the path ends before the next
 * operator and counts as drawing nothing. */
static bool read_path_object(op_reader *r, unit *u)
{
	op o;
	while (read_op(r, &o)) {
		op_kind k = classify(&r->lx, &o);
		if (k == K_PATH || k == K_CLIP) {
			u->end = o.end;
			continue;
		}
		if (k == K_PAINT || k == K_ENDPATH) {
			u->end = o.end;
			u->kind = k == K_PAINT ? U_DRAW : U_STATE;
			return true;
		}
		r->held = o;
		r->have_held = true;
		break;
	}
	u->kind = U_STATE;
	return !r->lx.failed;
}

static bool read_units(op_reader *r, GArray *units)
{
	op o;
	while (read_op(r, &o)) {
		unit u = { o.start, o.end, U_STATE, 0, 0, 0 };
		switch (classify(&r->lx, &o)) {
		case K_BT:
			if (!read_text_object(r, &o, &u))
				return false;
			break;
		case K_ET:
			lex_fail(&r->lx, o.start, "ET without BT");
			return false;
		case K_MC_BEGIN:
			u.kind = U_MC;
			u.mc = 1;
			break;
		case K_MC_END:
			u.kind = U_MC;
			u.mc = u.mc_min = -1;
			break;
		case K_PATH:
			if (!read_path_object(r, &u))
				return false;
			break;
		case K_PAINT:
		case K_DRAW:
			u.kind = U_DRAW;
			break;
		case K_QPUSH:
			u.q = 1;
			break;
		case K_QPOP:
			u.q = -1;
			break;
		case K_CLIP:
		case K_ENDPATH:
		case K_OTHER:
			break;
		}
		g_array_append_val(units, u);
	}
	return !r->lx.failed;
}

/* ------------------------------------------------------------------------ */
/* Choosing the stretches to wrap                                           */

typedef struct {
	size_t start, end;
} span;

/* Units [first, last] paint; [r0, r1) is the depth-0 run around them.
 * Widen [first, last] over state units of the run so that q/Q pairs are
 * not cut by the Artifact boundary where the run allows it. */
static span balanced_stretch(const unit *u, int r0, int r1, int first, int last)
{
	int level = 0, low = 0;
	for (int i = first; i <= last; i++) {
		level += u[i].q;
		low = MIN(low, level);
	}
	/* A Q inside closes a q before first: walk back to that q. */
	for (int i = first - 1, need = -low; need > 0 && i >= r0; i--) {
		need -= u[i].q;
		if (need == 0) {
			first = i;
			low = 0;
		}
	}
	/* A q inside is still open after last: walk on to its Q. */
	int open = level - low;
	for (int i = last + 1; open > 0 && i < r1; i++) {
		open += u[i].q;
		if (open == 0)
			last = i;
	}
	return (span){ u[first].start, u[last].end };
}

static bool choose_stretches(lexer *lx, const unit *u, int n, GArray *spans)
{
	int depth = 0, r0 = 0, first = -1, last = -1;
	for (int i = 0; i <= n; i++) {
		if (i < n && u[i].kind != U_MC) {
			if (depth == 0 && u[i].kind == U_DRAW) {
				if (first < 0)
					first = i;
				last = i;
			}
			continue;
		}
		/* End of a depth-0 run: at marked content, or at the end. */
		if (depth == 0 && first >= 0) {
			span s = balanced_stretch(u, r0, i, first, last);
			g_array_append_val(spans, s);
		}
		if (i == n)
			break;
		if (depth + u[i].mc_min < 0) {
			lex_fail(lx, u[i].start, "EMC without BMC or BDC");
			return false;
		}
		depth += u[i].mc;
		r0 = i + 1;
		first = last = -1;
	}
	if (depth != 0) {
		lex_fail(lx, lx->len, "marked content (BMC/BDC) not closed by EMC");
		return false;
	}
	return true;
}

static void append_wrapped(GString *out, const char *in, size_t len, const span *sp, int nsp)
{
	size_t pos = 0;
	for (int i = 0; i < nsp; i++) {
		g_string_append_len(out, in + pos, (gssize)(sp[i].start - pos));
		if (out->len > 0 && !is_ws((unsigned char)out->str[out->len - 1]))
			g_string_append_c(out, '\n');
		g_string_append(out, "/Artifact BMC\n");
		g_string_append_len(out, in + sp[i].start, (gssize)(sp[i].end - sp[i].start));
		g_string_append(out, "\nEMC");
		pos = sp[i].end;
		if (pos < len && !is_ws((unsigned char)in[pos]))
			g_string_append_c(out, '\n');
	}
	g_string_append_len(out, in + pos, (gssize)(len - pos));
}

bool pdf_post_wrap_artifacts_count(const char *in, size_t len, GString *out, GString *err, int *nwrapped)
{
	op_reader r = { .lx = { in, len, 0, err, false } };
	GArray *units = g_array_new(FALSE, FALSE, sizeof(unit));
	GArray *spans = g_array_new(FALSE, FALSE, sizeof(span));
	bool ok = read_units(&r, units) &&
	          choose_stretches(&r.lx, (const unit *)(void *)units->data, (int)units->len, spans);
	if (ok)
		append_wrapped(out, in, len, (const span *)(void *)spans->data, (int)spans->len);
	*nwrapped = ok ? (int)spans->len : 0;
	g_array_free(units, TRUE);
	g_array_free(spans, TRUE);
	return ok;
}

bool pdf_post_wrap_artifacts(const char *in, size_t len, GString *out, GString *err)
{
	int n;
	return pdf_post_wrap_artifacts_count(in, len, out, err, &n);
}
