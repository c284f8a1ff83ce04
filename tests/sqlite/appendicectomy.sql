-- The EBI appendicectomy coding rule, written independently from the prose the seed documents give:
--   appendicectomy `spell_dominant_procedure like '%H0[12]%'` and admission method not like '2%'
-- (pathways/ebi/appendicectomy.wm is the Waymark port). Reads table apcs(id TEXT, Spell_Dominant_Procedure TEXT,
-- Spell_Primary_Diagnosis TEXT, Admission_Method TEXT, Administrative_Category TEXT) in which an empty field is NULL,
-- and returns id, category for every row in table order; category is the port's label or NULL.
--
-- Translation from T-SQL, kept exact (as in low_back_imaging.sql):
--   * `x like '%H0[12]%'` becomes `upper(x) GLOB '*H0[12]*'`: SQLite's LIKE has no [set] syntax, GLOB has it as
--     T-SQL's LIKE does ('%' -> '*'; no '_' in the patterns). GLOB is case-sensitive, so the text is upper-cased
--     and the pattern written in upper case, which gives T-SQL's case-insensitive match for ASCII codes.
--   * `x not like '2%'` becomes `NOT (x GLOB '2*')`: a prefix test on a digit, which has no case.
--   * NULL semantics are unchanged: NULL GLOB p is NULL and NOT NULL is NULL, so an empty procedure or admission
--     method leaves the WHEN unknown (unless the other test is false) and the spell is not classified.
--   * T-SQL's LIKE ignores trailing blanks in the value, SQLite's GLOB does not; both patterns end in a wildcard
--     that takes them in, so no row can tell the difference.
--   * Only the two criteria of the prose: no private-patient exclusion, no age band, no diagnosis.
SELECT
  id,
  CASE
    WHEN upper(Spell_Dominant_Procedure) GLOB '*H0[12]*'
     AND NOT (Admission_Method GLOB '2*')
    THEN 'appendicectomy in a non-emergency admission'
  END AS category
FROM apcs
ORDER BY rowid;
