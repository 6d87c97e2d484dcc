import { z } from 'zod';
import { STATUSES, TABS } from '../status/statuses';

export const StatusSchema = z.enum(STATUSES);
export const TabSchema = z.enum(TABS);
export const TipoSchema = z.enum(['N', 'R']);
export type Tipo = z.infer<typeof TipoSchema>;

export const SubjectRoleSchema = z.enum(['TITOLARE', 'CONIUGE', 'FIGLIO']);
export type SubjectRole = z.infer<typeof SubjectRoleSchema>;

export const SUBJECT_ROLE_LABELS: Readonly<Record<SubjectRole, string>> = {
  TITOLARE: 'Titolare',
  CONIUGE: 'Coniuge',
  FIGLIO: 'Figlio',
};

export const CompileModeSchema = z.enum(['DOCUMENTATO', 'AUTOCERTIFICATO']);
export const DocSchema = z.enum(['730', 'UNICO', 'NESSUNA']);

/** A row of the monitor list ("Archivio dichiarazioni"). */
export const MonitorRowSchema = z.object({
  id: z.number().int(),
  progressivo: z.number().int(),
  tipo: TipoSchema,
  status: StatusSchema,
  codiceFiscale: z.string(),
  cognomeNome: z.string(),
  matricola: z.string(),
  scartoCode: z.string().nullable(),
  scartoMessage: z.string().nullable(),
  /** Scart. CAF: the suggested codice fiscale; 9010/9011: the correct matricola (when the CAF gave one). */
  scartoSuggestion: z.string().nullable(),
  /** When CAF CGN forwarded it to INPS. */
  inpsSentAt: z.string().nullable(),
  /**
   * The first sending of the ordinaria of its chain (itself, or the N an R descends from): the start of the
   * "Correggi" window (p. 69; status/machine.ts `correggiRefusal`). Given for the statuses "Correggi" applies
   * to (Ricevuta, Scartata, Scart. CAF), null for the others, like `ricostituita` false.
   */
  ordinariaInvioAt: z.string().nullable(),
  /** INPS said the position is already "ricostituita" (p. 102): no more corrections. */
  ricostituita: z.boolean(),
  updatedAt: z.string(),
  /** The note "Gruppo" and "Segnalibro" of the declaration (p. 77); '' when not given. */
  gruppo: z.string(),
  segnalibro: z.string(),
});
export type MonitorRow = z.infer<typeof MonitorRowSchema>;

export const SubjectYearSchema = z.object({
  anno: z.number().int(),
  modo: CompileModeSchema.nullable(),
  doc: DocSchema.nullable(),
});

/** "Componenti nucleo familiare presenti nella dichiarazione" (p. 68). */
export const SubjectSummarySchema = z.object({
  id: z.number().int(),
  role: SubjectRoleSchema,
  ordinal: z.number().int(),
  codiceFiscale: z.string().nullable(),
  cognome: z.string().nullable(),
  nome: z.string().nullable(),
  years: z.array(SubjectYearSchema),
});
export type SubjectSummary = z.infer<typeof SubjectSummarySchema>;

/** "Dati reddituali inseriti" (p. 68): one line per declared income row. */
export const IncomeSummarySchema = z.object({
  subjectId: z.number().int(),
  anno: z.number().int(),
  rigo: z.string(),
  importo: z.number().int(),
});
export type IncomeSummary = z.infer<typeof IncomeSummarySchema>;

export const ForeignPensionSummarySchema = z.object({
  riga: z.number().int(),
  stato: z.string(),
  istituzione: z.string(),
  tipo: z.number().int().nullable(),
  importi: z.array(z.object({ anno: z.number().int(), importo: z.number().int() })),
});
export type ForeignPensionSummary = z.infer<typeof ForeignPensionSummarySchema>;

export const DeclarationDetailSchema = z.object({
  row: MonitorRowSchema,
  anni: z.array(z.number().int()),
  subjects: z.array(SubjectSummarySchema),
  incomes: z.array(IncomeSummarySchema),
  foreignPensions: z.array(ForeignPensionSummarySchema),
});
export type DeclarationDetail = z.infer<typeof DeclarationDetailSchema>;

export const HistoryEventSchema = z.enum(['CREAZIONE', 'CAMBIO_STATO', 'CANCELLAZIONE', 'STAMPA', 'SBLOCCO']);
export const HistoryRowSchema = z.object({
  id: z.number().int(),
  declarationId: z.number().int(),
  event: HistoryEventSchema,
  fromStatus: StatusSchema.nullable(),
  toStatus: StatusSchema.nullable(),
  at: z.string(),
  operator: z.string(),
  reason: z.string().nullable(),
});
export type HistoryRow = z.infer<typeof HistoryRowSchema>;
