-- The EBI coding rule for arthroscopic surgery for meniscal tears, written independently from the prose the seed
-- documents give:
--   `left(Spell_Dominant_Procedure,3)='W82'` and primary diagnosis like `'%M23[23]%'` or `'%S832%'`,
--   non-elective admissions excluded
-- (pathways/ebi/meniscal_arthroscopy.wm is the Waymark port). Reads table apcs(id TEXT, Spell_Dominant_Procedure
-- TEXT, Spell_Primary_Diagnosis TEXT, Admission_Method TEXT, Administrative_Category TEXT) in which an empty field is
-- NULL, and returns id, category for every row in table order; category is the port's label or NULL.
--
-- Translation from T-SQL, kept exact:
--   * `left(x, 3) = 'W82'` becomes `upper(substr(x, 1, 3)) = 'W82'`: substr(x, 1, 3) is left(x, 3), and
--     upper() gives the usual case-insensitive collation's `=` for ASCII codes. T-SQL's `=` also ignores trailing
--     blanks, SQLite's does not; but 'W82' has none, and a shorter left(x, 3) padded with blanks is never 'W82',
--     so the results agree. (The Waymark port writes this test as `like "W82%"`; this file keeps the prose's form,
--     so that the agreement test checks that the two are the same.)
--   * `x like '%M23[23]%'` becomes `upper(x) GLOB '*M23[23]*'`, `x like '%S832%'` becomes `upper(x) GLOB '*S832*'`
--     (as in low_back_imaging.sql: GLOB has T-SQL's [set] syntax, SQLite's LIKE does not).
--   * "Non-elective admissions excluded" is read, as in the port, as keeping elective admissions only:
--     `Admission_Method like '1%'` (11 waiting list, 12 booked, 13 planned), here `Admission_Method GLOB '1*'`.
--   * NULL semantics are unchanged: substr, upper and GLOB of NULL are NULL, so an empty procedure, diagnosis or
--     admission method leaves the WHEN unknown (unless another test is false) and the spell is not classified.
--   * No private-patient exclusion and no age band: the prose gives none.
SELECT
  id,
  CASE
    WHEN upper(substr(Spell_Dominant_Procedure, 1, 3)) = 'W82'
     AND (upper(Spell_Primary_Diagnosis) GLOB '*M23[23]*'
          OR upper(Spell_Primary_Diagnosis) GLOB '*S832*')
     AND Admission_Method GLOB '1*'
    THEN 'arthroscopic meniscal surgery in an elective admission'
  END AS category
FROM apcs
ORDER BY rowid;
