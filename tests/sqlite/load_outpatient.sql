-- Loads generated outpatient rows (waymark-gen-sus --kind outpatient), imported as text into `staging`, into the
-- table the low back imaging script reads: every empty field becomes NULL and the ages integers, as the SUS table
-- holds them. Rows keep the input order (rowid). SQL Server compares text ignoring trailing blanks ('02 ' = '02',
-- and LIKE ignores them in the value); SQLite does not, so the loader drops them from the text columns (rtrim with
-- ' ' only: a trailing tab is data in both) after an empty field has become NULL: a field of blanks is an empty
-- string, not NULL. Leading blanks are kept: ' 02' is not '02' in either.
CREATE TABLE opa (
  id TEXT NOT NULL,
  Der_Procedure_All TEXT,
  Der_Diagnosis_All TEXT,
  Age_at_Start_of_Episode_SUS INTEGER,
  Der_Age_at_CDS_Activity_Date INTEGER,
  Administrative_Category TEXT);
INSERT INTO opa
SELECT id, rtrim(NULLIF(Der_Procedure_All, ''), ' '), rtrim(NULLIF(Der_Diagnosis_All, ''), ' '),
       CAST(NULLIF(Age_at_Start_of_Episode_SUS, '') AS INTEGER),
       CAST(NULLIF(Der_Age_at_CDS_Activity_Date, '') AS INTEGER),
       rtrim(NULLIF(Administrative_Category, ''), ' ')
FROM staging ORDER BY rowid;
