-- Rettificative still to complete and send ("Esci" is refused while there are any, p. 103): only the R are in the
-- index now. The former (tipo, status) index held every declaration, so each change of status of an ordinaria
-- rewrote one more index entry (an Invio changes the status of every declaration twice: bench/transmission.ts).
DROP INDEX ix_declarations_tipo_status;
CREATE INDEX ix_declarations_rettifiche ON declarations (status, progressivo) WHERE tipo = 'R' AND deleted_at IS NULL;
