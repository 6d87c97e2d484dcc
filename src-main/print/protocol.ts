import type { AppErrorData } from '#shared/errors';
import type { HeaderBase, PrintDeclaration } from '#shared/print/compose';
import type { ModelSelection } from '#shared/print/api';
import type { LabelSheetDoc, ModelId, PrintDoc } from '#shared/print/types';
import type { Cell, ExportColumn } from '../archive/prints-export';

/** The options of one "Stampa modelli" / "Moduli in prova" job inside the print worker. */
export interface ModelsJobOptions {
  modelli: ModelSelection;
  elencoDocumenti: boolean;
  copies: number;
  watermark: string | null;
  /** "Stampe varie" 05–07: this one model for every declaration, instead of the models it needs. */
  fixed?: ModelId;
}

/** Messages to the print worker. Every request has a `seq`; the worker answers each one. */
export type ToPrintWorker =
  | { kind: 'models-start'; seq: number; job: string; title: string; base: HeaderBase; options: ModelsJobOptions }
  | { kind: 'models-batch'; seq: number; job: string; decls: PrintDeclaration[] }
  | { kind: 'models-end'; seq: number; job: string; file: string }
  | { kind: 'docs'; seq: number; job: string; file: string; title: string; docs: PrintDoc<string>[]; labels: LabelSheetDoc | null }
  | { kind: 'export-start'; seq: number; job: string; file: string; format: 'xlsx' | 'csv'; sheet: string; columns: readonly ExportColumn[] }
  | { kind: 'export-rows'; seq: number; job: string; rows: Cell[][] }
  | { kind: 'export-end'; seq: number; job: string }
  | { kind: 'abort'; seq: number; job: string };

export type BatchResult = { id: number; ok: true; models: string[]; pages: number } | { id: number; ok: false; message: string };

export type PrintWorkerReply = { seq: number; ok: true; result: unknown } | { seq: number; ok: false; error: AppErrorData };
