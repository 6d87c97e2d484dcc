import type { ColumnType } from 'kysely';

/**
 * Kysely table types of migrations/server/*.sql (column names as in SQL). Every column is TEXT or INTEGER on
 * both dialects; JSON columns (`response`, `scarto`, `document`, `payload`) are parsed with zod when read.
 */
export interface DesksTable {
  id: string;
  name: string;
  secret_salt: string;
  secret_hash: string;
  change_seq: number;
  created_at: string;
  /** Schema 3: HMAC-SHA256(secret, 'red-desk/sblocco/v1'), hex; null until the desk's secret was seen. */
  unlock_key: string | null;
  /** Set when the CAF disabled the desk (schema 4). */
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
  disabled_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TransmissionsTable {
  desk_id: string;
  id: string;
  received_at: string;
  request_hash: string;
  item_count: number;
  response: string;
}

export interface TransmissionItemsTable {
  desk_id: string;
  transmission_id: string;
  position: number;
  declaration_key: string;
  version: number;
  codice_fiscale: string;
  cognome_nome: string;
  outcome: 'accepted' | 'duplicate' | 'refused';
}

export interface DeclarationsTable {
  id: string;
  desk_id: string;
  declaration_key: string;
  version: number;
  progressivo: number;
  tipo: 'N' | 'R';
  matricola: string;
  codice_fiscale: string;
  cognome_nome: string;
  status: 'TRASM_CGN' | 'SCART_CAF' | 'SCARTATA' | 'TRASM_INPS' | 'RICEVUTA' | 'RITIRATA';
  scarto: string | null;
  inps_batch_id: string | null;
  received_at: string;
  updated_at: string;
  /** Set while the CAF holds it back from INPS ("Blocca" in the console); forwarding skips it. */
  blocked_at: string | null;
  blocked_reason: string | null;
}

/** The desk that owns each declaration key across the CAF (0006): a key is stored for one desk only. */
export interface DeclarationKeysTable {
  declaration_key: string;
  desk_id: string;
}

export interface DeclarationVersionsTable {
  id: string;
  declaration_id: string;
  version: number;
  transmission_id: string;
  document: string;
  received_at: string;
}

export interface ChangesTable {
  desk_id: string;
  seq: number;
  created_at: string;
  payload: string;
}

export interface AnagrafeTable {
  codice_fiscale: string;
  collegato_a: string | null;
}

export interface MatricoleErrateTable {
  matricola: string;
  code: '9009' | '9010' | '9011';
  matricola_corretta: string | null;
}

export interface InpsBatchesTable {
  id: string;
  created_at: string;
  item_count: number;
  sent_at: string | null;
  completed_at: string | null;
  attempts: number;
  last_error: string | null;
  /** The worker (process) doing this batch's current INPS step, and until when (database clock). */
  lease_owner: string | null;
  lease_until: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface SchemaVersionTable {
  id: number;
  version: number;
  applied_at: string;
}

export interface CircolariTable {
  id: string;
  titolo: string;
  testo: string;
  /** ISO day (YYYY-MM-DD). */
  data: string;
  scadenza: string | null;
  created_at: string;
}

export interface AssistenzaTable {
  id: string;
  desk_id: string;
  testo: string;
  declaration_key: string | null;
  created_at: string;
  risposta: string | null;
  answered_at: string | null;
}

export interface ConsoleSessionsTable {
  id_hash: string;
  created_at: string;
  expires_at: string;
}

export interface ServerDb {
  desks: DesksTable;
  transmissions: TransmissionsTable;
  transmission_items: TransmissionItemsTable;
  declarations: DeclarationsTable;
  declaration_keys: DeclarationKeysTable;
  declaration_versions: DeclarationVersionsTable;
  changes: ChangesTable;
  anagrafe: AnagrafeTable;
  matricole_errate: MatricoleErrateTable;
  inps_batches: InpsBatchesTable;
  settings: SettingsTable;
  schema_version: SchemaVersionTable;
  circolari: CircolariTable;
  assistenza: AssistenzaTable;
  console_sessions: ConsoleSessionsTable;
}
