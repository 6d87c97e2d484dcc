-- Schema 10: the exchange between desks (issue 13 point 1, "Servizi"). A declaration restored from a Centro di
-- Raccolta keeps its origin: the desk where it was entered and its progressivo there (NULL for the declarations
-- entered here). The same origin is restored once: reading the same file again adds nothing.
ALTER TABLE declarations ADD COLUMN origin_desk TEXT;
ALTER TABLE declarations ADD COLUMN origin_progressivo INTEGER;
CREATE UNIQUE INDEX ux_declarations_origin ON declarations (origin_desk, origin_progressivo) WHERE origin_desk IS NOT NULL;

-- One row per exchange file read ("Ripristino da Centro di Raccolta") or written (the two copies).
CREATE TABLE exchange_files (
  file_id     TEXT    PRIMARY KEY,
  direction   TEXT    NOT NULL CHECK (direction IN ('LETTO', 'SCRITTO')),
  kind        TEXT    NOT NULL CHECK (kind IN ('CENTRO', 'CAF')),
  desk        TEXT    NOT NULL,
  created     TEXT    NOT NULL,
  at          TEXT    NOT NULL,
  operator    TEXT    NOT NULL,
  file_name   TEXT    NOT NULL,
  declarations INTEGER NOT NULL CHECK (declarations >= 0),
  added       INTEGER NOT NULL DEFAULT 0 CHECK (added >= 0)
) STRICT;
