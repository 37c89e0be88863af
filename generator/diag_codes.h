/* diag_codes.h — the catalogue of every message ppsgen prints about its input.
 * D(CODE, LEVEL, printf-format).  Say what is wrong and how to fix it.
 * Included twice by diag.h/diag.c; no include guard on purpose. */

/* Files and XML */
D(FILE_READ, ERROR, "cannot read the file: %s")
D(FILE_TOO_BIG, ERROR, "the file is %lld bytes; statements are limited to %lld bytes")
D(XML_SYNTAX, ERROR, "%s")
D(XML_ENCODING, ERROR, "%s; save the file as UTF-8 and declare encoding=\"UTF-8\"")
D(XML_DTD, ERROR, "a DOCTYPE or entity declaration is not allowed; remove it (entities are never expanded and nothing is fetched)")
D(XML_DEPTH, ERROR, "elements are nested more than %d deep; flatten the structure")
D(XML_SCHEMA, ERROR, "%s")
D(XML_ROOT, ERROR, "the root element is <%s>; a statement starts with <statement version=\"1\">")
D(XML_VERSION, ERROR, "format version \"%s\" is not supported; this ppsgen reads version 1")
D(TEMPLATE, ERROR, "template: %s")

/* Model */
D(DUP_ID, ERROR, "the id \"%s\" is already used at line %d; give each %s its own id")
D(BAD_NUMBER, ERROR, "\"%s\" is not a valid %s; write it like %s")
D(BAD_DATE, ERROR, "\"%s\" is not a date; write it as YYYY-MM-DD")
D(LANG_UNDECLARED, ERROR, "text in %s, but the statement declares languages=\"%s\"; add %s to languages or remove this text")
D(NO_TEXT, ERROR, "<%s> has no text; write it, in <en>/<cy> or directly")
D(UNKNOWN_REF, ERROR, "%s \"%s\" is not defined; define it, or correct the reference")
D(SALARY_RANGE, ERROR, "salary %s is not plausible (it must be between £1 and £10,000,000); check the figure")
D(POINTS_ORDER, ERROR, "spinal point %d comes after point %d; list points in ascending order")
D(POINT_SALARY_ORDER, ERROR, "point %d is paid %s, less than point %d at %s; salaries must rise with the points")
D(SALARY_COLUMNS, ERROR, "point %d has %d salaries but the scale has %d columns; give one salary per column")
D(GRADE_RANGE, ERROR, "grade %s spans points %d to %d, which are not all on scale \"%s\"; correct from/to")
D(ROW_CELLS, ERROR, "this row has %d cells but the table has %d columns; add or remove cells")
D(EMPTY_SECTION, ERROR, "section \"%s\" has no content; write it or remove it")
D(HOLDERS, ERROR, "post \"%s\" has %d post holders but %d posts; list at most one salary per post")
D(HOLDER_OFF_SCALE, WARNING, "post \"%s\": salary %s is outside its points %s to %s")
D(CE_BELOW_LOWEST, ERROR, "the chief executive's salary %s is below the lowest-paid salary %s; check both")
D(CE_BELOW_OFFICER, WARNING, "the chief executive (%s) is paid less than post \"%s\" (%s)")
D(NO_CHIEF_EXECUTIVE, ERROR, "a multiple needs the chief executive, but no post has role=\"chief-executive\"")
D(NO_WORKFORCE, ERROR, "a multiple needs the workforce median, but there is no <workforce> with data or a stated median")
D(NO_LOWEST, ERROR, "a multiple needs the lowest paid, but <lowest-paid> is missing")
D(NO_AVERAGE, ERROR, "the average chief officer salary needs actual salaries; give <holder salary=...> for the chief officer posts")
D(MULTIPLE_LIMIT, WARNING, "multiple \"%s\" is %s, above the declared limit %s")
D(ZERO_DIVISOR, ERROR, "multiple \"%s\" divides by zero; check \"%s\"")
D(CSV_READ, ERROR, "cannot read the workforce CSV \"%s\": %s")
D(CSV_ROW, ERROR, "%s")
D(CSV_EMPTY, ERROR, "the workforce has no employees after exclusions; check the data and exclude-schools")
D(LOGO, ERROR, "cannot use the logo \"%s\": %s; give a readable PNG file")
D(BELOW_NLW, ERROR, "point %d pays %s an hour, below the National Living Wage of %s")
D(BELOW_RLW, WARNING, "point %d pays %s an hour, below the Real Living Wage of %s")
D(OVER_THRESHOLD, NOTE, "post \"%s\" pays up to %s, over %s: new appointments and severance need a vote of full council")
D(LANG_GAP, WARNING, "%s has no %s text")

/* Law (rulebook): rules.c, against templates/rules-<jurisdiction>.xml */
D(TOPIC_MISSING, WARNING, "topic \"%s\" is not covered: %s (%s); add covers=\"%s\" to the section that deals with it (saying that it does not apply counts)")
D(TOPIC_UNKNOWN, ERROR, "\"%s\" in covers= is not a topic of the %s rulebook (rules-%s.xml)%s")
D(APPROVAL_LATE, WARNING, "approved on %s, after 31 March %d: Localism Act 2011 s39 requires full Council to approve the statement before the financial year begins; check the date")
D(APPROVAL_MISSING, WARNING, "status=\"approved\" but there is no approved= date; give the date full Council resolved to approve the statement (Localism Act 2011 s39)")
D(YEAR_MISMATCH, WARNING, "the statement is for %d-%02d (1 April %d to 31 March %d) but takes effect on %s; correct <year start> or effective=")

/* Output */
D(OUTPUT, ERROR, "cannot write \"%s\": %s")
D(FONT, ERROR, "%s")
D(UNKNOWN_APPENDIX, ERROR, "there is no appendix \"%s\"; the statement has: %s")
D(LANG_GAP_STRICT, ERROR, "%s has no %s text; translate it, or render without --strict-languages")

/* Pay awards (ppsgen rollover) */
D(AWARD, ERROR, "%s")
D(AWARD_ORDER, ERROR, "after the award, point %d would be paid %s, less than point %d at %s; correct the award's values")
D(AWARD_CUT, WARNING, "the award lowers point %d from %s to %s; check the award")
