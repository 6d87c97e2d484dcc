-- Monitor and "Ricerca dichiarazione" answered from the indexes: with status (and deleted_at, which the
-- partial-index condition alone does not make "covered" for SQLite) in the index, the counts and the ids of
-- a page never read a table row per match. The generated `tab` column cannot make an index covering
-- (SQLite treats VIRTUAL columns as not stored in indexes): the counts filter on status instead.
DROP INDEX ix_declarations_tab;
CREATE INDEX ix_declarations_tab ON declarations (tab, progressivo, status) WHERE deleted_at IS NULL;
DROP INDEX ix_declarations_cf;
CREATE INDEX ix_declarations_cf ON declarations (codice_fiscale, status, progressivo, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX ix_declarations_nome;
CREATE INDEX ix_declarations_nome ON declarations (cognome_nome, status, progressivo, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX ix_declarations_status ON declarations (status, deleted_at) WHERE deleted_at IS NULL;
