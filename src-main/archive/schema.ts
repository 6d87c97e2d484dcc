import type { Generated } from 'kysely';
import type { Status } from '#shared/status/statuses';

/** Kysely table types of the desk archive (migrations/desk). */
export interface DeclarationsTable {
  id: Generated<number>;
  progressivo: number;
  campaign: string;
  tipo: 'N' | 'R';
  status: Status;
  tab: Generated<string>;
  matricola: string;
  codice_fiscale: string;
  cognome_nome: Generated<string>;
  scarto_origin: 'INPS' | 'CGN' | 'CAF' | null;
  scarto_code: string | null;
  scarto_message: string | null;
  rettifica_of: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  // schema 4
  server_key: string | null;
  sent_version: number | null;
  cgn_received_at: string | null;
  inps_sent_at: string | null;
  esito_at: string | null;
  scarto_suggestion: string | null;
  scarto_json: string | null;
  // schema 5
  printed_at: string | null;
  print_count: Generated<number>;
  data_consegna: string | null;
  // schema 11 (exchange)
  origin_desk: string | null;
  origin_progressivo: number | null;
}

export interface SubjectsTable {
  id: Generated<number>;
  declaration_id: number;
  role: 'TITOLARE' | 'CONIUGE' | 'FIGLIO';
  ordinal: number;
  codice_fiscale: string | null;
  cognome: string | null;
  nome: string | null;
  sesso: 'M' | 'F' | null;
  data_nascita: string | null;
  comune_nascita: string | null;
  indirizzo: string | null;
  cap: string | null;
  comune: string | null;
  provincia: string | null;
  residenza_variata: Generated<number>;
  coltivatore_diretto: Generated<number>;
  // schema 2
  subject_key: string | null;
  inverti_secolo: Generated<number>;
  data_decesso: string | null;
}

export interface SubjectYearsTable {
  id: Generated<number>;
  subject_id: number;
  anno: number;
  modo: 'DOCUMENTATO' | 'AUTOCERTIFICATO' | null;
  facoltativi: Generated<number>;
  doc: '730' | 'UNICO' | 'NESSUNA' | null;
}

export interface IncomeRowsTable {
  id: Generated<number>;
  subject_year_id: number;
  rigo: string;
  importo: number;
}

export interface IncomeDocumentsTable {
  id: Generated<number>;
  income_row_id: number;
  ordinal: number;
  descrizione: string;
  importo: number;
  /** Schema 6: the amount in cents as typed; null in lines written before. */
  centesimi: number | null;
}

export interface ForeignPensionsTable {
  id: Generated<number>;
  declaration_id: number;
  riga: number;
  stato: string;
  istituzione: string;
  /** Schema 2: null while the operator has not chosen it. */
  tipo: number | null;
  // schema 2
  subject_id: number | null;
}

export interface ForeignPensionAmountsTable {
  foreign_pension_id: number;
  anno: number;
  importo: number;
}

export interface DeclarationNotesTable {
  declaration_id: number;
  gruppo: string | null;
  segnalibro: string | null;
  appunti: string | null;
}

/** Schema 2: "Conferma/aggiornamento dati anagrafici", RED breve, domiciliazione, erede, ente. */
export interface DeclarationDetailsTable {
  declaration_id: number;
  codice_fiscale: string;
  stato_civile: '1' | '2' | '3' | '4' | '5' | null;
  stato_civile_decorrenza: string | null;
  numero_figli: Generated<number>;
  deceduto: Generated<number>;
  data_decesso: string | null;
  espatriato: Generated<number>;
  data_espatrio: string | null;
  zero_red: Generated<number>;
  rinuncia: Generated<number>;
  domiciliazione: Generated<number>;
  erede_codice_fiscale: Generated<string>;
  erede_nominativo: Generated<string>;
  ente_codice: string | null;
  ente_non_codificato: Generated<number>;
}

export interface StatusHistoryTable {
  id: Generated<number>;
  declaration_id: number;
  event: 'CREAZIONE' | 'CAMBIO_STATO' | 'CANCELLAZIONE' | 'STAMPA' | 'SBLOCCO';
  from_status: Status | null;
  to_status: Status | null;
  at: string;
  operator: string;
  reason: string | null;
}

/** Schema 10: "Sblocca dichiarazione errata" (p. 70, 97–98). */
export interface SblocchiTable {
  declaration_id: number;
  codice_errore: string;
  codice: string;
  scadenza: string;
  at: string;
  operator: string;
  motivo: string;
}

export interface OutboxFilesTable {
  transmission_id: string;
  created_at: string;
  operator: string;
  state: 'IN_ATTESA' | 'CONSEGNATA' | 'RIFIUTATA';
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  stopped: Generated<number>;
  delivered_at: string | null;
}

export interface OutboxItemsTable {
  transmission_id: string;
  position: number;
  declaration_id: number;
  version: number;
  item_json: string | null;
  outcome: 'accepted' | 'duplicate' | 'refused' | null;
  message: string | null;
}

export interface ParkedChangesTable {
  seq: number;
  change_json: string;
  parked_at: string;
  reason: string;
}

export interface MessagesTable {
  id: Generated<number>;
  seq: number;
  at: string;
  code: string | null;
  text: string;
  declaration_id: number | null;
  correct_matricola: string | null;
  read_at: string | null;
}

/** "Circolari telematiche" (p. 70), from the change feed (migration 0013_circolari). */
export interface CircolariTable {
  id: Generated<number>;
  server_id: string;
  seq: number;
  titolo: string;
  testo: string;
  data: string;
  scadenza: string | null;
  received_at: string;
  read_at: string | null;
}

/** Schema 6: the 730s read by Utilità → "Importa file 730" (730-file.md). */
export interface Files730Table {
  id: Generated<number>;
  file_name: string;
  read_at: string;
  operator: string;
  count_730: number;
  replaced: Generated<number>;
}

export interface Dich730Table {
  id: Generated<number>;
  file_id: number;
  file_line: number;
  modello: '730/2008' | '730/2009';
  cf_dichiarante: string;
  cf_coniuge: string | null;
  stato: 'TRASM_CGN' | 'IN_LAVORAZIONE' | 'ANNULLATO';
  data_stato: string;
  replaced_by: number | null;
  replaced_at: string | null;
}

export interface Righe730Table {
  dich_id: number;
  n: number;
  record: 'P' | 'C' | 'D';
  cf: string;
  sezione: 'I' | 'II' | null;
  rigo: string;
  tipologia: string | null;
  col2: string | null;
  codice: number | null;
  importo: number;
  campo_red: string | null;
  estero: number | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface DeskDatabase {
  outbox_files: OutboxFilesTable;
  outbox_items: OutboxItemsTable;
  parked_changes: ParkedChangesTable;
  messages: MessagesTable;
  circolari: CircolariTable;
  declarations: DeclarationsTable;
  exchange_files: ExchangeFilesTable;
  subjects: SubjectsTable;
  subject_years: SubjectYearsTable;
  income_rows: IncomeRowsTable;
  income_documents: IncomeDocumentsTable;
  foreign_pensions: ForeignPensionsTable;
  foreign_pension_amounts: ForeignPensionAmountsTable;
  declaration_notes: DeclarationNotesTable;
  declaration_details: DeclarationDetailsTable;
  status_history: StatusHistoryTable;
  sblocchi: SblocchiTable;
  settings: SettingsTable;
  files_730: Files730Table;
  dich_730: Dich730Table;
  righe_730: Righe730Table;
}

/** Schema 11: the exchange files read and written (Servizi). */
export interface ExchangeFilesTable {
  file_id: string;
  direction: 'LETTO' | 'SCRITTO';
  kind: 'CENTRO' | 'CAF';
  desk: string;
  created: string;
  at: string;
  operator: string;
  file_name: string;
  declarations: number;
  added: Generated<number>;
}
