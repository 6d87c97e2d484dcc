-- Console for CAF staff (issue 14 points 9–10).
-- "Blocca": a Trasm.CGN declaration the CAF holds back from INPS, with the reason; forwarding skips it.
ALTER TABLE declarations ADD COLUMN blocked_at TEXT;
ALTER TABLE declarations ADD COLUMN blocked_reason TEXT;
-- The forwarding queue without the blocked ones, in arrival order: the forward job and the console's "oldest
-- waiting" read it in order and stop (without it the planner sorted every Trasm.CGN: seconds at 1,000,000).
CREATE INDEX declarations_forward_queue ON declarations (received_at) WHERE status = 'TRASM_CGN' AND blocked_at IS NULL;
-- The campaign page: counts by desk and status read this index only (no table scan); desk first, so the planner
-- never prefers it to the forwarding queue for `status = 'TRASM_CGN'`. Then the search by codice fiscale.
CREATE INDEX declarations_by_desk_status ON declarations (desk_id, status);
CREATE INDEX declarations_by_cf ON declarations (codice_fiscale);
CREATE INDEX declarations_blocked ON declarations (blocked_at) WHERE blocked_at IS NOT NULL;

-- "Circolari telematiche" (p. 70): published by the CAF, sent to every desk in the change feed.
CREATE TABLE circolari (
  id TEXT PRIMARY KEY,
  titolo TEXT NOT NULL,
  testo TEXT NOT NULL,
  data TEXT NOT NULL,
  scadenza TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX circolari_by_time ON circolari (created_at);

-- "Assistenza CGN" (p. 70): a desk's question; the answer goes back to the desk as a message.
CREATE TABLE assistenza (
  id TEXT PRIMARY KEY,
  desk_id TEXT NOT NULL REFERENCES desks (id),
  testo TEXT NOT NULL,
  declaration_key TEXT,
  created_at TEXT NOT NULL,
  risposta TEXT,
  answered_at TEXT
);
CREATE INDEX assistenza_by_time ON assistenza (created_at);

-- Console sessions: only the SHA-256 of the cookie's random id is stored; shared by every instance.
CREATE TABLE console_sessions (
  id_hash TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
