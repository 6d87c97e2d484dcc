-- "Circolari telematiche" (p. 70): the circolari of the CAF, received in the change feed; unread until the
-- operator opens the list.
CREATE TABLE circolari (
  id          INTEGER PRIMARY KEY,
  server_id   TEXT    NOT NULL UNIQUE,
  seq         INTEGER NOT NULL,
  titolo      TEXT    NOT NULL,
  testo       TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  scadenza    TEXT,
  received_at TEXT    NOT NULL,
  read_at     TEXT
) STRICT;
CREATE INDEX ix_circolari_data ON circolari (data, seq);
