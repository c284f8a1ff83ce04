-- Loads generated admitted patient care spells (waymark-gen-sus --kind admitted), imported as text into `staging`,
-- into the table the appendicectomy and meniscal arthroscopy scripts read: every empty field becomes NULL, as the
-- SUS table holds it. Blanks are kept: " 21" is not NULL. Rows keep the input order (rowid).
CREATE TABLE apcs (
  id TEXT NOT NULL,
  Spell_Dominant_Procedure TEXT,
  Spell_Primary_Diagnosis TEXT,
  Admission_Method TEXT,
  Administrative_Category TEXT);
INSERT INTO apcs
SELECT id, NULLIF(Spell_Dominant_Procedure, ''), NULLIF(Spell_Primary_Diagnosis, ''),
       NULLIF(Admission_Method, ''), NULLIF(Administrative_Category, '')
FROM staging ORDER BY rowid;
