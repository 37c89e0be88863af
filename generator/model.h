/* model.h — the statement as every stage sees it.
 *
 * xml_read.c builds it (and csv_read.c fills the workforce); figures.c, check.c,
 * layout.c and the writers only read it.  Everything here lives in the document's
 * arena (doc->arena) and is freed with it; nothing points into libxml2.
 *
 * Units: money is int64_t pence; percentages are basis points (8% = 800);
 * hours are hundredths (37 h = 3700); weeks per year are thousandths
 * (52.143 = 52143); FTE fractions are ten-thousandths (1.0 = 10000).
 * Text is UTF-8 in NFC.  Dates are ISO "YYYY-MM-DD" strings.
 */
#ifndef PPS_MODEL_H
#define PPS_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"

/* Where a model element came from, for messages: FILE:LINE:COL. */
typedef struct {
	const char *file;
	int line;
	int col;
} pps_pos;

/* Languages, in a fixed order used to index pps_ml.tx[]. */
typedef enum { LANG_EN = 0, LANG_CY = 1, LANG_N = 2 } pps_lang;

/* ---- Inline text ---------------------------------------------------- */

typedef enum {
	RUN_TEXT,  /* text; style and href apply */
	RUN_BREAK, /* forced line break <br/> */
	RUN_FIG,   /* <fig ref="id"/>: a computed figure, printed as displayed */
	RUN_REF,   /* <ref to="id"/>: "Appendix A" / "section 13", a link */
} pps_run_kind;

enum { RUN_BOLD = 1, RUN_ITALIC = 2, RUN_SUP = 4 };

typedef struct {
	pps_run_kind kind;
	unsigned style;   /* RUN_BOLD | RUN_ITALIC | RUN_SUP */
	const char *text; /* RUN_TEXT */
	const char *href; /* set when the run is inside <a href>, else NULL */
	const char *ref;  /* RUN_FIG: figure id; RUN_REF: section/appendix id */
	pps_pos pos;
} pps_run;

/* One language's inline text: n == 0 means "not given in this language". */
typedef struct {
	pps_run *runs;
	int n;
} pps_text;

/* The same inline text in each language. */
typedef struct {
	pps_text tx[LANG_N];
	pps_pos pos;
} pps_ml;

static inline bool ml_has(const pps_ml *m, pps_lang l) { return m->tx[l].n > 0; }

/* ---- Blocks ---------------------------------------------------------- */

typedef enum {
	BLK_PARA,          /* text */
	BLK_NOTE,          /* text, set smaller, e.g. table notes */
	BLK_LIST,          /* items */
	BLK_TABLE,         /* table (literal cells) */
	BLK_SCALE_TABLE,   /* ref = scale id: the pay scale, computed columns */
	BLK_POSTS_TABLE,   /* chief officer posts and their points */
	BLK_MULTIPLES,     /* the declared pay multiples, each with its method */
	BLK_GPG_TABLE,     /* gender pay gap figures and quartiles */
	BLK_CHART,         /* ref = chart kind: "pay-structure", "multiples", ... */
	BLK_COMPLIANCE,    /* the statutory topics and where they are covered */
	BLK_PROPOSAL_TABLE, /* ref = the scale (or, with post_ref, the post): current and proposed points */
	BLK_SENIOR_PAY,    /* Transparency Code 2015: employees in £5,000 bands from £50,000, senior posts */
} pps_block_kind;

typedef struct pps_block pps_block;

typedef struct {
	pps_ml text;
	pps_block *sub; /* nested lists */
	int nsub;
	pps_pos pos;
} pps_item;

typedef struct {
	pps_ml text;
	pps_pos pos;
} pps_cell;

typedef struct {
	pps_cell *cells;
	int n;
	pps_pos pos;
} pps_row;

typedef struct {
	pps_ml caption;
	int ncols;
	char *align;    /* per column: 'l' or 'r' */
	double *width;  /* per column: relative width (weights, any scale) */
	pps_row *head;
	int nhead;
	pps_row *body;
	int nbody;
} pps_table;

struct pps_block {
	pps_block_kind kind;
	pps_pos pos;
	const char *id;     /* optional anchor */
	const char *covers; /* space-separated rulebook topic ids, or NULL */
	pps_ml text;        /* PARA, NOTE */
	bool ordered;       /* LIST */
	pps_item *items;    /* LIST */
	int nitems;
	pps_table *table;   /* TABLE */
	const char *ref;    /* SCALE_TABLE: scale id; CHART: kind; PROPOSAL_TABLE: scale or post id */
	bool post_ref;      /* PROPOSAL_TABLE: ref is a post */
	bool by_grade;      /* PROPOSAL_TABLE by="grade": the scale's grades, not its points */
	pps_ml caption;     /* generated tables and charts: optional caption */
};

/* ---- Sections and appendices ---------------------------------------- */

/* A title (of the statement, a section or an appendix) and the council's
 * name have at most this many characters in each language: the cover, a
 * heading, the contents and the running header set them on one page, and
 * nothing longer is a title (xml_read.c refuses it; ppsgen import takes it
 * for a paragraph). */
#define PPS_TITLE_MAX_CHARS 300

typedef struct pps_section pps_section;
struct pps_section {
	const char *id;
	const char *covers;  /* space-separated rulebook topic ids, or NULL */
	pps_pos pos;
	pps_ml title;
	int level;           /* 1 = section or appendix, 2 = subsection, ... */
	const char *number;  /* "3", "3.2"; NULL for appendices' own heading */
	const char *letter;  /* appendices only: "A", "B", ... */
	bool exempt;         /* appendix kept out of public outputs (LGA 1972 Sch 12A) */
	const char *exempt_para; /* the Schedule 12A paragraph, e.g. "1" */
	pps_block *blocks;
	int nblocks;
	pps_section *subs;
	int nsubs;
	/* Document order of the children: order[i] is 'b' (the next block) or
	 * 's' (the next subsection); nblocks + nsubs entries. */
	const char *order;
};

/* ---- Pay data ------------------------------------------------------- */

typedef struct {
	const char *id;     /* e.g. "weekend" */
	pps_ml name;        /* column heading, e.g. "Basic + 8%" */
	int32_t percent_bp; /* 800 = 8% */
	pps_pos pos;
} pps_supplement;

typedef struct {
	int n;              /* spinal column point number */
	int64_t *salary;    /* pence, one per scale column */
	const char **extra; /* one per extra label column; NULL when blank */
	const char *mark;   /* footnote mark printed after the salary, or NULL */
	pps_pos pos;
} pps_point;

typedef struct {
	const char *id;   /* "A" */
	pps_ml name;      /* "Grade A" / "Gradd A" (defaults from labels) */
	int from, to;     /* spinal points, inclusive */
	int score_from, score_to; /* job evaluation score band; 0,0 when none */
	pps_pos pos;
} pps_grade;

typedef struct {
	const char *id;
	pps_ml name;
	pps_pos pos;
	int32_t hours_x100;         /* weekly hours behind the hourly rates */
	bool rates;                 /* print hourly rates */
	int ncols;                  /* salary columns, >= 1 */
	pps_ml *col_names;          /* headings of the salary columns */
	int nextra;                 /* label columns (e.g. old scales) */
	pps_ml *extra_names;
	pps_supplement **supps;     /* supplements shown with this scale */
	int nsupps;
	pps_point *points;          /* ascending by n */
	int npoints;
	pps_grade *grades;
	int ngrades;
	pps_ml point_label;         /* heading of the point column, e.g. "SCP" */
	pps_ml notes;               /* note printed under the table, or empty */
} pps_scale;

typedef struct {
	int64_t salary;  /* pence, actual annual salary of the post holder */
	int32_t fte_e4;  /* 10000 = full time */
	char gender;     /* 'f', 'm' or 0: for the chief officers' gender pay gap */
	const char *name;/* the holder's name, or NULL: published only at the Code's £150,000 */
	pps_pos pos;
} pps_holder;

typedef enum { ROLE_CHIEF_OFFICER, ROLE_CHIEF_EXECUTIVE, ROLE_OTHER } pps_role;

typedef struct {
	const char *id;
	pps_ml title;
	pps_ml grade;        /* e.g. "JNC Director" */
	pps_role role;
	int nposts;
	int64_t *points;     /* incremental points, pence, ascending */
	int npoints;
	pps_holder *holders; /* actual salaries, when known */
	int nholders;
	pps_ml responsibilities; /* Transparency Code 2015: what the post is responsible for */
	int64_t budget;      /* pence: the budget the post holds, when has_budget */
	bool has_budget;
	pps_pos pos;
} pps_post;

typedef struct {
	int64_t salary; /* pence: full-time equivalent annual salary */
	int32_t fte_e4; /* contracted fraction of full time */
	char gender;    /* 'f', 'm' or 0 when not recorded */
	bool school;    /* managed by a school: excludable */
	int line;       /* source line (CSV or XML) */
	int64_t bonus;  /* pence: bonus pay in the 12 months to the snapshot date (actual, not FTE) */
} pps_employee;

typedef struct {
	bool present;
	pps_pos pos;
	const char *date;      /* the snapshot date */
	const char *basis;     /* "fte-base" or "taxable" */
	const char *csv;       /* path of the CSV, resolved against the statement */
	bool exclude_schools;
	int64_t stated_median; /* pence, when the council states only the median; else 0 */
	pps_employee *emp;
	int nemp;
	bool has_bonus;        /* the CSV has a bonus column (or an <employee bonus=>) */
	pps_ml method;         /* what the figures count, printed beside them */
} pps_workforce;

/* The statutory definition of the lowest paid (Localism Act s38(3)). */
typedef struct {
	bool present;
	pps_pos pos;
	const char *scale; /* scale id and point ... */
	int point;
	int64_t salary;    /* ... or an explicit salary in pence */
} pps_lowest;

/* A quantity a multiple can divide: "lowest", "median", "chief-executive",
 * "average-chief-officer" or "post:ID". */
typedef struct {
	const char *id;
	const char *top;   /* numerator */
	const char *base;  /* denominator */
	int places;        /* decimals shown */
	bool one_first;    /* "1:9.4" rather than "9.4:1" */
	bool spaced;       /* "1.36 : 1" */
	int64_t limit_x100;/* warn above this multiple (2000 = 20:1); 0 = none */
	pps_ml label;      /* what the multiple is, in words */
	pps_ml method;     /* how it was computed, printed beside it */
	pps_pos pos;
	struct pps_earlier {
		int year_start;  /* 2016 for 2016-17 */
		double value;    /* the multiple published that year */
		pps_pos pos;
	} *earlier;        /* earlier years' published values, oldest first */
	int nearlier;
} pps_multiple;

/* A proposed pay structure (a pay review approved with the statement, from a
 * later date): each scale or post it names gets the proposed points in place
 * of its current ones; the rest stays as it is. */
/* A grade as the proposal would make it: ref names a current grade (new
 * points, or drop), id a new one (with its name). */
typedef struct {
	const char *ref;     /* a current grade's id, or NULL for a new grade */
	const char *id;      /* the new grade's id */
	pps_ml name;         /* the new grade's name */
	int from, to;        /* proposed spinal points, inclusive */
	bool drop;           /* drop="yes": the proposal removes the grade */
	pps_pos pos;
} pps_prop_grade;

typedef struct {
	const char *ref;     /* the scale's id */
	pps_point *points;   /* proposed, ascending by n; one salary each */
	int npoints;
	pps_prop_grade *grades; /* grades the proposal changes or adds */
	int ngrades;
	pps_pos pos;
} pps_prop_scale;

typedef struct {
	const char *ref;     /* the post's id */
	int64_t *points;     /* proposed incremental points, pence, ascending */
	int npoints;
	pps_pos pos;
} pps_prop_post;

typedef struct {
	bool present;
	pps_pos pos;
	const char *effective; /* the date the proposed structure would take effect */
	pps_prop_scale *scales;
	int nscales;
	pps_prop_post *posts;
	int nposts;
	pps_lowest lowest;     /* the proposed lowest-paid definition; else the current one */
} pps_proposal;

/* ---- The document --------------------------------------------------- */

typedef struct {
	arena *arena;
	const char *path;     /* the statement file, as given */
	const char *dir;      /* its directory: relative paths resolve here */
	int format_version;   /* 1 */

	pps_lang langs[LANG_N]; /* declared languages, reading order first */
	int nlangs;
	const char *jurisdiction; /* "wales" or "england" */

	pps_ml council;       /* council name */
	const char *logo;     /* PNG path, resolved; or NULL */
	pps_ml logo_alt;
	pps_ml title;         /* "Pay Policy Statement" unless given */
	int year_start;       /* 2018 for the financial year 2018-19 */
	const char *approved; /* full council approval date, or NULL */
	const char *effective;/* date the statement takes effect */
	const char *published;/* cover date */
	bool approved_status; /* status="approved" (else draft) */
	const char *version;  /* version label, or NULL */
	pps_ml contact;       /* alternative formats line */

	int32_t hours_x100;   /* standard weekly hours (3700) */
	int32_t weeks_x1000;  /* weeks per year in hourly rates (52143) */
	int64_t nlw_e4;       /* National Living Wage, 1/10000 pound per hour; 0 = none */
	int64_t rlw_e4;       /* Real Living Wage, same unit; 0 = none */
	bool living_wage_supplement; /* the council tops pay up to the Real Living Wage */
	int64_t approval_threshold; /* pence: packages needing full council (default £100,000) */

	pps_supplement *supps;
	int nsupps;
	pps_scale *scales;
	int nscales;
	pps_post *posts;
	int nposts;
	pps_workforce workforce;
	pps_lowest lowest;
	pps_proposal proposal;
	pps_multiple *multiples;
	int nmultiples;

	pps_section *sections;  /* numbered 1..n */
	int nsections;
	pps_section *appendices;
	int nappendices;
} pps_doc;

/* Lookups; NULL when absent. */
const pps_scale *model_scale(const pps_doc *d, const char *id);
const pps_point *model_point(const pps_scale *s, int n);
/* Grade id of scale s, or NULL. */
const pps_grade *model_grade(const pps_scale *s, const char *id);
const pps_post *model_post(const pps_doc *d, const char *id);
/* The proposal's points for scale or post `id`, or NULL when it keeps them. */
const pps_prop_scale *model_prop_scale(const pps_proposal *p, const char *id);
const pps_prop_post *model_prop_post(const pps_proposal *p, const char *id);
const pps_post *model_chief_executive(const pps_doc *d);
/* The section or appendix with this id, searching subsections too. */
const pps_section *model_section(const pps_doc *d, const char *id);
/* Does the statement declare language l? */
bool model_has_lang(const pps_doc *d, pps_lang l);
/* The text in l, or in the statement's first language as a fallback (NULL when neither). */
const pps_text *ml_text(const pps_ml *m, pps_lang l);
/* Flattens a text to plain UTF-8 (figures and refs print their ids); arena-owned. */
const char *text_plain(arena *a, const pps_text *t);

/* Calls fn for every piece of text in the statement, in document order:
 * `what` names the element ("title", "p", "item", "cell", "caption", ...) and
 * sec is the section or appendix it belongs to (NULL outside sections). */
typedef void (*model_text_fn)(const pps_ml *m, const char *what, const pps_section *sec, void *ud);
void model_walk_text(const pps_doc *d, model_text_fn fn, void *ud);

#endif
