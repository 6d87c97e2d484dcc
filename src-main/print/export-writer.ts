/**
 * "Stampe varie" 01–04 written as they are read (p. 107): .xlsx with exceljs's streaming WorkbookWriter (each
 * row is committed and leaves memory) or .csv for Italian Excel (";" separator, UTF-8 with BOM, comma
 * decimals, dates dd/mm/yyyy).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { formatDate } from '#shared/util/italian-time';
import type { Cell, ExportColumn } from '../archive/prints-export';

export interface SheetWriter {
  addRows(rows: readonly (readonly Cell[])[]): Promise<void>;
  close(): Promise<void>;
  /** Stops and leaves a file to be deleted by the caller. */
  abort(): Promise<void>;
  readonly rows: number;
}

/** "1234,5" / "1234": numbers with the Italian decimal comma, no thousands separator (Excel reads it back). */
export function csvNumber(n: number): string {
  return String(n).replace('.', ',');
}

function csvField(s: string): string {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function dateText(v: string): string {
  // A day ("2009-04-15") is a calendar date; a timestamp is shown in Italian time.
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : formatDate(v);
}

export function csvLine(cells: readonly Cell[], columns: readonly ExportColumn[]): string {
  return cells
    .map((c, i) => {
      if (c === null) return '';
      if (typeof c === 'number') return csvNumber(c);
      return csvField(columns[i]?.type === 'date' && c ? dateText(c) : c);
    })
    .join(';');
}

function waitDrain(out: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('drain', resolve);
    out.once('error', reject);
  });
}

export function openCsv(file: string, columns: readonly ExportColumn[]): SheetWriter {
  const out = createWriteStream(file, { encoding: 'utf8', mode: 0o600 });
  out.write(`\uFEFF${columns.map((c) => csvField(c.header)).join(';')}\r\n`);
  let rows = 0;
  return {
    get rows() {
      return rows;
    },
    async addRows(batch) {
      let chunk = '';
      for (const r of batch) chunk += `${csvLine(r, columns)}\r\n`;
      rows += batch.length;
      if (!out.write(chunk)) await waitDrain(out);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.end(resolve);
      }),
    abort: () => new Promise<void>((resolve) => out.destroy() && resolve()),
  };
}

export function openXlsx(file: string, sheetName: string, columns: readonly ExportColumn[]): SheetWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'RED Desk';
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  return {
    get rows() {
      return rows;
    },
    async addRows(batch) {
      for (const r of batch) {
        const values = r.map((c, i) => (c !== null && typeof c === 'string' && columns[i]?.type === 'date' ? dateText(c) : c));
        ws.addRow(values).commit();
      }
      rows += batch.length;
    },
    async close() {
      ws.commit();
      await wb.commit();
    },
    async abort() {
      try {
        ws.commit();
        await wb.commit();
      } catch {
        /* the caller deletes the partial file */
      }
    },
  };
}
