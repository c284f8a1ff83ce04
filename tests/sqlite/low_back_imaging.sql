-- The EBI "low back pain imaging" coding script (pathways/ebi/low_back_imaging.wm quotes it), in SQLite.
-- Reads table opa(id TEXT, Der_Procedure_All TEXT, Der_Diagnosis_All TEXT, Age_at_Start_of_Episode_SUS INTEGER,
-- Der_Age_at_CDS_Activity_Date INTEGER, Administrative_Category TEXT) in which an empty field is NULL, and returns
-- id, category for every row in table order; category is '2S_lower_back_imaging' or NULL.
--
-- Translation from T-SQL, kept exact:
--   * `x like '%U05[45]%'` becomes `upper(x) GLOB '*U05[45]*'`. SQLite's LIKE has no [set] syntax, while GLOB has
--     [set] and [a-b] ranges exactly as T-SQL's LIKE does ('%' -> '*'; the patterns hold no '_'). GLOB is
--     case-sensitive and T-SQL's LIKE under the usual case-insensitive collation is not, so the text is upper-cased
--     first and the patterns are written in upper case: 'u055', 'U055' and 'c509' match as in SQL Server. (SQLite's
--     upper() folds ASCII only; SUS code fields are ASCII, and the collation is accent-sensitive, so no other
--     character could fold onto the pattern letters U, Z, O, C and D.) Digits and [0-9] are unaffected by case.
--   * NULL semantics are unchanged: upper(NULL) is NULL, NULL GLOB p is NULL and NOT NULL is NULL, so a row with an
--     empty diagnosis list leaves every `not like` unknown and the WHEN unknown: the row is not classified. Likewise
--     `Administrative_Category <> '02'` on NULL, and `between` on a NULL age.
--   * T-SQL ISNULL(a, b) is coalesce(a, b): b is used only when a is NULL.
--   * T-SQL's `<>` ignores trailing blanks ('02 ' = '02'); SQLite's does not, so load_outpatient.sql drops them, as
--     Waymark does when it reads a text input. The generated rows pad a few categories ('02 ').
--   * CASE WHEN with an unknown condition falls to the (absent) ELSE: NULL, as in T-SQL.
--   * The exclusions are written against the alias apcs in the guidance; they are read, as in the .wm port, as the
--     same outpatient record.
SELECT
  id,
  CASE
    WHEN (upper(Der_Procedure_All) GLOB '*U05[45]*'
          OR ((upper(Der_Procedure_All) GLOB '*U13[2356]*'
               OR upper(Der_Procedure_All) GLOB '*U21[1267]*')
              AND (upper(Der_Procedure_All) GLOB '*Z665*'
                   OR upper(Der_Procedure_All) GLOB '*O162*')))
     AND coalesce(Age_at_Start_of_Episode_SUS, Der_Age_at_CDS_Activity_Date) BETWEEN 19 AND 120
     -- Exclusions
     AND NOT (upper(Der_Diagnosis_All) GLOB '*C[0-9][0-9]*')
     AND NOT (upper(Der_Diagnosis_All) GLOB '*D0*')
     AND NOT (upper(Der_Diagnosis_All) GLOB '*D3[789]*')
     AND NOT (upper(Der_Diagnosis_All) GLOB '*D4[012345678]*')
     -- Private appointment exclusion
     AND Administrative_Category <> '02'
    THEN '2S_lower_back_imaging'
  END AS category
FROM opa
ORDER BY rowid;
