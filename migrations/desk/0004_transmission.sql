-- Schema 4: transmission to the central CAF (issue 4): outbox ("Attesa") and Storico trasmissioni, the
-- sync cursor, parked feed changes, messages, and per declaration what the server said.

-- The declaration's key on the server (random hex, given at the first "Invio"; the archive id is not used so
-- that a restored backup can never collide with what the server already holds).
ALTER TABLE declarations ADD COLUMN server_key TEXT;
-- The version sent last (the server's idempotency key is (server_key, version)).
ALTER TABLE declarations ADD COLUMN sent_version INTEGER;
-- First confirmed receipt by the CAF (Tras.CGN), forwarding to INPS (Trasm.INPS), INPS esito.
ALTER TABLE declarations ADD COLUMN cgn_received_at TEXT;
ALTER TABLE declarations ADD COLUMN inps_sent_at TEXT;
ALTER TABLE declarations ADD COLUMN esito_at TEXT;
-- Scart. CAF: suggested codice fiscale; 9010 / 9011: correct matricola. The whole scarto as JSON.
ALTER TABLE declarations ADD COLUMN scarto_suggestion TEXT;
ALTER TABLE declarations ADD COLUMN scarto_json TEXT;
CREATE UNIQUE INDEX ux_declarations_server_key ON declarations (server_key) WHERE server_key IS NOT NULL;
-- Rettificative still to complete and send (they keep the program open, p. 103).
CREATE INDEX ix_declarations_tipo_status ON declarations (tipo, status) WHERE deleted_at IS NULL;

-- One row per "Invio" file. Kept after delivery: it is the "Storico trasmissioni".
CREATE TABLE outbox_files (
  transmission_id TEXT    PRIMARY KEY,
  created_at      TEXT    NOT NULL,
  operator        TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('IN_ATTESA', 'CONSEGNATA', 'RIFIUTATA')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  -- A refusal of the whole file (deadline, invalid request): no automatic retry, only "Reinvio".
  stopped         INTEGER NOT NULL DEFAULT 0 CHECK (stopped IN (0, 1)),
  delivered_at    TEXT
) STRICT;
CREATE INDEX ix_outbox_files_pending ON outbox_files (state, created_at);
CREATE INDEX ix_outbox_files_created ON outbox_files (created_at);

-- The items of a file, frozen at "Invio": a retry sends exactly the same bytes.
CREATE TABLE outbox_items (
  transmission_id TEXT    NOT NULL REFERENCES outbox_files (transmission_id),
  position        INTEGER NOT NULL,
  declaration_id  INTEGER NOT NULL REFERENCES declarations (id),
  version         INTEGER NOT NULL,
  item_json       TEXT,
  outcome         TEXT    CHECK (outcome IN ('accepted', 'duplicate', 'refused')),
  message         TEXT,
  PRIMARY KEY (transmission_id, position)
) STRICT;
CREATE INDEX ix_outbox_items_declaration ON outbox_items (declaration_id);

-- Feed changes that could not be applied yet (never dropped): retried at every sync.
CREATE TABLE parked_changes (
  seq         INTEGER PRIMARY KEY,
  change_json TEXT    NOT NULL,
  parked_at   TEXT    NOT NULL,
  reason      TEXT    NOT NULL
) STRICT;

-- "Messaggi in piattaforma".
CREATE TABLE messages (
  id                INTEGER PRIMARY KEY,
  seq               INTEGER NOT NULL UNIQUE,
  at                TEXT    NOT NULL,
  code              TEXT,
  text              TEXT    NOT NULL,
  declaration_id    INTEGER REFERENCES declarations (id),
  correct_matricola TEXT,
  read_at           TEXT
) STRICT;
