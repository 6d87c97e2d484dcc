-- Schema 7: the documents of a row keep their cents (issue 11, guide p. 93: the total of the row is rounded up
-- to the whole euro, not each document). `importo` stays the line's whole euro for the lines written before;
-- `centesimi` is the amount as typed, NULL in those older lines.
ALTER TABLE income_documents ADD COLUMN centesimi INTEGER;
