-- Schema 8: the monitor filters "Gruppo" and "Segnalibro" (issue 11, p. 77) look for a prefix of the note, upper
-- or lower case alike (COLLATE NOCASE). Without an index each search read the whole note table.
CREATE INDEX ix_declaration_notes_gruppo ON declaration_notes (gruppo COLLATE NOCASE, declaration_id);
CREATE INDEX ix_declaration_notes_segnalibro ON declaration_notes (segnalibro COLLATE NOCASE, declaration_id);
