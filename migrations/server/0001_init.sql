-- Central CAF server, schema 1. Plain SQL valid on BOTH SQLite and PostgreSQL (src-server/store/migrate.ts):
--  * types: TEXT and INTEGER only (no SERIAL/BIGSERIAL, JSONB, TIMESTAMPTZ, BOOLEAN, STRICT tables);
--  * ids: uuids made by the server (TEXT); the change-feed `seq` comes from desks.change_seq (see feed/changes.ts),
--    not from an autoincrement, so it is gap-free per desk and visible in commit order on both dialects;
--  * times: TEXT, ISO-8601 UTC with milliseconds ('2009-06-30T21:59:00.000Z'): sorts as text;
--  * JSON: TEXT, parsed with zod on the way out; value sets: CHECK constraints (portable).
-- Each statement ends with ';' at the end of a line: the runner splits there. No ';' inside a statement.

CREATE TABLE desks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  secret_salt TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  change_seq INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- "Storico trasmissioni": one row per "Invio" file; `response` is the answer replayed to a retry.
CREATE TABLE transmissions (
  desk_id TEXT NOT NULL REFERENCES desks (id),
  id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  response TEXT NOT NULL,
  PRIMARY KEY (desk_id, id)
);
CREATE INDEX transmissions_by_time ON transmissions (desk_id, received_at);

CREATE TABLE transmission_items (
  desk_id TEXT NOT NULL,
  transmission_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  declaration_key TEXT NOT NULL,
  version INTEGER NOT NULL,
  codice_fiscale TEXT NOT NULL,
  cognome_nome TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'duplicate', 'refused')),
  PRIMARY KEY (desk_id, transmission_id, position),
  FOREIGN KEY (desk_id, transmission_id) REFERENCES transmissions (desk_id, id)
);

-- The server's state of each declaration of each desk (current version only).
CREATE TABLE declarations (
  id TEXT PRIMARY KEY,
  desk_id TEXT NOT NULL REFERENCES desks (id),
  declaration_key TEXT NOT NULL,
  version INTEGER NOT NULL,
  progressivo INTEGER NOT NULL,
  tipo TEXT NOT NULL CHECK (tipo IN ('N', 'R')),
  matricola TEXT NOT NULL,
  codice_fiscale TEXT NOT NULL,
  cognome_nome TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('TRASM_CGN', 'SCART_CAF', 'SCARTATA', 'TRASM_INPS', 'RICEVUTA', 'RITIRATA')),
  scarto TEXT,
  inps_batch_id TEXT,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (desk_id, declaration_key)
);
-- Forwarding picks the Trasm.CGN ones; esiti look declarations up by batch.
CREATE INDEX declarations_to_forward ON declarations (received_at) WHERE status = 'TRASM_CGN';
CREATE INDEX declarations_by_batch ON declarations (inps_batch_id) WHERE inps_batch_id IS NOT NULL;
CREATE INDEX declarations_by_matricola ON declarations (matricola);

-- Every version a desk sent, stored once (idempotency of "the same declaration version sent twice").
CREATE TABLE declaration_versions (
  id TEXT PRIMARY KEY,
  declaration_id TEXT NOT NULL REFERENCES declarations (id),
  version INTEGER NOT NULL,
  transmission_id TEXT NOT NULL,
  document TEXT NOT NULL,
  received_at TEXT NOT NULL,
  UNIQUE (declaration_id, version)
);

-- Change feed per desk: status changes and messages ("messaggi in piattaforma"), JSON payload.
CREATE TABLE changes (
  desk_id TEXT NOT NULL REFERENCES desks (id),
  seq INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (desk_id, seq)
);

-- Lists the CAF loads: the anagrafe (SIATEL stand-in, p. 110) and the erroneous matricole (p. 45, 109).
CREATE TABLE anagrafe (
  codice_fiscale TEXT PRIMARY KEY,
  collegato_a TEXT
);
CREATE TABLE matricole_errate (
  matricola TEXT PRIMARY KEY,
  code TEXT NOT NULL CHECK (code IN ('9009', '9010', '9011')),
  matricola_corretta TEXT
);

-- Files sent to INPS (weekly in real life). A batch is claimed, then delivered (sent_at), then closed when every
-- declaration in it has its esito (completed_at).
CREATE TABLE inps_batches (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  sent_at TEXT,
  completed_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX inps_batches_open ON inps_batches (created_at) WHERE completed_at IS NULL;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
