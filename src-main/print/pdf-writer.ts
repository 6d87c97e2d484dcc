/**
 * Lays out `PrintDoc`s (src-shared/print) on A4 pages and writes one PDF with pdf-lib + fontkit, DejaVu Sans
 * embedded as a subset. Every page carries the header (CAF and sportello, operator, progressivo, matricola,
 * the Code 128 of the declaration key) and the footer (print date, page n/m of the model, the guide page).
 * Two passes per model: the blocks are placed first, so that "Pag. n/m" knows m when the page is drawn.
 */
import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Align, LabelSheetDoc, PageHeader, PrintDoc } from '#shared/print/types';
import { formatDateTime } from '#shared/util/italian-time';
import { code128Modules } from './barcode';
import { dejaVuFonts } from './fonts';

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 40;
const TEXT_W = A4.width - 2 * MARGIN;
const HEADER_H = 92; // header band + model title
const FOOTER_H = 34;
const TOP = A4.height - HEADER_H;
const BOTTOM = FOOTER_H + 10;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.4, 0.4, 0.4);
const LIGHT = rgb(0.9, 0.9, 0.9);
const LINE = rgb(0.55, 0.55, 0.55);

type Op =
  | { t: 'text'; x: number; y: number; size: number; bold: boolean; text: string; color?: 'grey' }
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill: boolean; stroke: boolean }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number };

/** Widths per character, cached: measuring through fontkit's shaper for every string is the slow part. */
class Metrics {
  private readonly cache = new Map<string, number>();
  constructor(private readonly font: PDFFont) {}
  width(text: string, size: number): number {
    let w = 0;
    for (const ch of text) {
      let cw = this.cache.get(ch);
      if (cw === undefined) {
        cw = this.font.widthOfTextAtSize(ch, 1000) / 1000;
        this.cache.set(ch, cw);
      }
      w += cw;
    }
    return w * size;
  }
}

export interface WriterOptions {
  /** Footer note on every page (the layouts are the project's, not INPS-certified forms). */
  footerNote?: string;
}

export class PdfWriter {
  private pages = 0;
  private constructor(
    readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly mr: Metrics,
    private readonly mb: Metrics,
    private readonly options: WriterOptions,
  ) {}

  static async create(title: string, options: WriterOptions = {}): Promise<PdfWriter> {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const fonts = dejaVuFonts();
    const regular = await pdf.embedFont(fonts.regular, { subset: true });
    const bold = await pdf.embedFont(fonts.bold, { subset: true });
    pdf.setTitle(title);
    pdf.setProducer('RED Desk');
    pdf.setCreator('RED Desk');
    return new PdfWriter(pdf, regular, bold, new Metrics(regular), new Metrics(bold), options);
  }

  get pageCount(): number {
    return this.pages;
  }

  /** Lays out one model (possibly several pages) and draws it. Returns the number of pages added. */
  addDoc(doc: PrintDoc): number {
    const planned = this.layout(doc);
    const bars = doc.header.barcode ? code128Modules(doc.header.barcode) : null;
    planned.forEach((ops, i) => {
      const page = this.pdf.addPage([A4.width, A4.height]);
      this.drawHeader(page, doc, bars);
      this.drawFooter(page, doc.header, doc.guidePage, i + 1, planned.length);
      for (const op of ops) this.drawOp(page, op);
      if (doc.watermark) this.drawWatermark(page, doc.watermark);
    });
    this.pages += planned.length;
    return planned.length;
  }

  /** 09 Stampa Etichette: A4 sheets of 3 × 8 labels (70 × 37 mm), filled row by row. */
  addLabelSheets(doc: LabelSheetDoc): number {
    const cols = 3;
    const rows = 8;
    const w = A4.width / cols;
    const h = (A4.height - 2 * 14) / rows;
    let added = 0;
    for (let start = 0; start < doc.labels.length || (start === 0 && added === 0); start += cols * rows) {
      const page = this.pdf.addPage([A4.width, A4.height]);
      added++;
      const slice = doc.labels.slice(start, start + cols * rows);
      slice.forEach((lines, i) => {
        const x = (i % cols) * w + 14;
        const yTop = A4.height - 14 - Math.floor(i / cols) * h - 22;
        lines.forEach((line, j) => {
          const size = j === 0 ? 9.5 : 9;
          const font = j === 0 ? this.bold : this.regular;
          const m = j === 0 ? this.mb : this.mr;
          page.drawText(this.fit(line, w - 24, size, m).text, { x, y: yTop - j * 12.5, size, font, color: BLACK });
        });
      });
      if (slice.length === 0) break;
    }
    this.pages += added;
    return added;
  }

  async save(): Promise<Uint8Array> {
    return this.pdf.save({ useObjectStreams: true });
  }

  // ----- layout ------------------------------------------------------------------------------------------

  private fit(text: string, width: number, size: number, m: Metrics): { text: string; size: number } {
    let s = size;
    while (s > 6 && m.width(text, s) > width) s -= 0.5;
    if (m.width(text, s) <= width) return { text, size: s };
    let t = text;
    while (t.length > 1 && m.width(`${t}…`, s) > width) t = t.slice(0, -1);
    return { text: `${t}…`, size: s };
  }

  private wrap(text: string, width: number, size: number, m: Metrics): string[] {
    const out: string[] = [];
    for (const para of text.split('\n')) {
      let line = '';
      for (const word of para.split(' ')) {
        const next = line ? `${line} ${word}` : word;
        if (line && m.width(next, size) > width) {
          out.push(line);
          line = word;
        } else line = next;
      }
      out.push(line);
    }
    return out;
  }

  private layout(doc: PrintDoc): Op[][] {
    const pages: Op[][] = [[]];
    let ops = pages[0] as Op[];
    let y = TOP;
    const newPage = () => {
      ops = [];
      pages.push(ops);
      y = TOP;
    };
    const ensure = (h: number) => {
      if (y - h < BOTTOM) newPage();
    };
    const text = (x: number, yy: number, s: string, size: number, bold = false, color?: 'grey') =>
      ops.push(color ? { t: 'text', x, y: yy, size, bold, text: s, color } : { t: 'text', x, y: yy, size, bold, text: s });
    const aligned = (x: number, w: number, yy: number, s: string, size: number, align: Align, bold = false) => {
      const m = bold ? this.mb : this.mr;
      const f = this.fit(s, w - 6, size, m);
      const tw = m.width(f.text, f.size);
      const tx = align === 'right' ? x + w - 3 - tw : align === 'center' ? x + (w - tw) / 2 : x + 3;
      text(tx, yy, f.text, f.size, bold);
    };

    for (const b of doc.blocks) {
      switch (b.kind) {
        case 'heading': {
          ensure(40);
          y -= 6;
          ops.push({ t: 'rect', x: MARGIN, y: y - 14, w: TEXT_W, h: 15, fill: true, stroke: false });
          text(MARGIN + 4, y - 10.5, b.text, 9.5, true);
          y -= 19;
          break;
        }
        case 'fields': {
          const cw = TEXT_W / b.columns;
          for (let i = 0; i < b.items.length; i += b.columns) {
            ensure(25);
            b.items.slice(i, i + b.columns).forEach((it, j) => {
              const x = MARGIN + j * cw;
              ops.push({ t: 'rect', x, y: y - 24, w: cw, h: 24, fill: false, stroke: true });
              text(x + 3, y - 8, this.fit(it.label, cw - 6, 6.5, this.mr).text, 6.5, false, 'grey');
              const f = this.fit(it.value || ' ', cw - 6, 9, this.mr);
              text(x + 3, y - 19.5, f.text, f.size);
            });
            y -= 24;
          }
          y -= 4;
          break;
        }
        case 'table': {
          const xs: number[] = [];
          let acc = MARGIN;
          for (const c of b.columns) {
            xs.push(acc);
            acc += c.width * TEXT_W;
          }
          const rowH = 13;
          const header = () => {
            ops.push({ t: 'rect', x: MARGIN, y: y - rowH, w: TEXT_W, h: rowH, fill: true, stroke: true });
            b.columns.forEach((c, j) => aligned(xs[j] as number, c.width * TEXT_W, y - 9.3, c.label, 7, c.align ?? 'left', true));
            y -= rowH;
          };
          ensure(rowH * 2);
          header();
          for (const r of b.rows) {
            if (y - rowH < BOTTOM) {
              newPage();
              header();
            }
            b.columns.forEach((c, j) => {
              const x = xs[j] as number;
              const w = c.width * TEXT_W;
              ops.push({ t: 'rect', x, y: y - rowH, w, h: rowH, fill: false, stroke: true });
              aligned(x, w, y - 9.3, r[j] ?? '', 8, c.align ?? 'left');
            });
            y -= rowH;
          }
          y -= 6;
          break;
        }
        case 'paragraph': {
          const size = b.small ? 7 : 9;
          const lh = size * 1.35;
          for (const line of this.wrap(b.text, TEXT_W, size, this.mr)) {
            ensure(lh);
            text(MARGIN, y - size, line, size, false, b.small ? 'grey' : undefined);
            y -= lh;
          }
          y -= 4;
          break;
        }
        case 'checks': {
          for (const it of b.items) {
            ensure(14);
            ops.push({ t: 'rect', x: MARGIN, y: y - 10, w: 9, h: 9, fill: false, stroke: true });
            if (it.checked) text(MARGIN + 1.5, y - 8.6, 'X', 8, true);
            text(MARGIN + 14, y - 8.6, it.label, 8.5);
            y -= 14;
          }
          break;
        }
        case 'lines': {
          for (let i = 0; i < b.count; i++) {
            ensure(20);
            y -= 20;
            ops.push({ t: 'line', x1: MARGIN, y1: y, x2: MARGIN + TEXT_W, y2: y });
          }
          y -= 6;
          break;
        }
        case 'signatures': {
          const h = 58;
          ensure(h + 30);
          if (b.placeDate) {
            text(MARGIN, y - 12, 'Luogo', 8.5);
            ops.push({ t: 'line', x1: MARGIN + 30, y1: y - 13, x2: MARGIN + 230, y2: y - 13 });
            text(MARGIN + 250, y - 12, 'Data', 8.5);
            ops.push({ t: 'line', x1: MARGIN + 275, y1: y - 13, x2: MARGIN + 400, y2: y - 13 });
            y -= 24;
          }
          const gap = 12;
          const w = (TEXT_W - gap * (b.boxes.length - 1)) / b.boxes.length;
          b.boxes.forEach((label, i) => {
            const x = MARGIN + i * (w + gap);
            ops.push({ t: 'rect', x, y: y - h, w, h, fill: false, stroke: true });
            text(x + 4, y - 10, label, 7.5, true);
          });
          y -= h + 8;
          break;
        }
        case 'spacer':
          y -= b.height;
          break;
      }
    }
    return pages;
  }

  // ----- drawing -----------------------------------------------------------------------------------------

  private drawOp(page: PDFPage, op: Op): void {
    if (op.t === 'text') {
      if (op.text.trim() === '') return;
      page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: op.bold ? this.bold : this.regular, color: op.color ? GREY : BLACK });
    } else if (op.t === 'rect') {
      page.drawRectangle({
        x: op.x,
        y: op.y,
        width: op.w,
        height: op.h,
        ...(op.fill ? { color: LIGHT } : {}),
        ...(op.stroke ? { borderColor: LINE, borderWidth: 0.5 } : {}),
      });
    } else {
      page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: 0.5, color: LINE });
    }
  }

  private drawHeader(page: PDFPage, doc: PrintDoc, bars: number[] | null): void {
    const h = doc.header;
    const top = A4.height - 30;
    page.drawText(`${h.caf} · Sportello: ${h.sportello}`, { x: MARGIN, y: top, size: 9, font: this.bold });
    const who = [`Operatore: ${h.operatore}`];
    if (h.progressivo !== null) who.push(`Progressivo: ${h.progressivo}`);
    page.drawText(who.join('   '), { x: MARGIN, y: top - 12, size: 8, font: this.regular });
    if (h.matricola) page.drawText(`Matricola: ${h.matricola}`, { x: MARGIN, y: top - 23, size: 8, font: this.regular });
    else if (h.codiceFiscale) page.drawText(`Codice fiscale: ${h.codiceFiscale}`, { x: MARGIN, y: top - 23, size: 8, font: this.regular });
    if (bars && h.barcode) this.drawBarcode(page, bars, h.barcode, A4.width - MARGIN, top + 9);
    page.drawLine({ start: { x: MARGIN, y: top - 29 }, end: { x: A4.width - MARGIN, y: top - 29 }, thickness: 0.8, color: BLACK });
    page.drawText(doc.code, { x: MARGIN, y: top - 44, size: 12, font: this.bold });
    if (doc.watermark) {
      // Also upright in the header, where no one can miss it and a text search finds it.
      const w = this.mb.width(doc.watermark, 11);
      page.drawText(doc.watermark, { x: A4.width - MARGIN - w, y: top - 44, size: 11, font: this.bold, color: rgb(0.75, 0.1, 0.1) });
    }
    const title = this.fit(doc.title, TEXT_W, 9.5, this.mr);
    page.drawText(title.text, { x: MARGIN, y: top - 57, size: title.size, font: this.regular });
  }

  /** Code 128, right-aligned at `right`, top at `top`; 0.8 pt per module (≈ 0.28 mm), 24 pt high. */
  private drawBarcode(page: PDFPage, widths: readonly number[], text: string, right: number, top: number): void {
    const total = widths.reduce((a, b) => a + b, 0);
    const module = Math.min(0.8, 230 / total);
    const barH = 22;
    let x = right - total * module;
    const left = x;
    widths.forEach((w, i) => {
      if (i % 2 === 0) page.drawRectangle({ x, y: top - barH, width: w * module, height: barH, color: BLACK });
      x += w * module;
    });
    const size = 6.5;
    const tw = this.mr.width(text, size);
    page.drawText(text, { x: left + (total * module - tw) / 2, y: top - barH - 8, size, font: this.regular });
  }

  private drawFooter(page: PDFPage, h: PageHeader, guidePage: string, n: number, m: number): void {
    page.drawLine({ start: { x: MARGIN, y: FOOTER_H }, end: { x: A4.width - MARGIN, y: FOOTER_H }, thickness: 0.5, color: LINE });
    page.drawText(`Stampato il ${formatDateTime(h.stampatoIl)}`, { x: MARGIN, y: FOOTER_H - 11, size: 7, font: this.regular });
    const note = this.options.footerNote ?? 'Modello predisposto da RED Desk (schema del progetto, non certificato INPS)';
    page.drawText(`${note} · guida ${guidePage}`, { x: MARGIN, y: FOOTER_H - 20, size: 6, font: this.regular, color: GREY });
    const pg = `Pag. ${n}/${m}`;
    page.drawText(pg, { x: A4.width - MARGIN - this.mb.width(pg, 8), y: FOOTER_H - 11, size: 8, font: this.bold });
  }

  private drawWatermark(page: PDFPage, text: string): void {
    const size = 54;
    const w = this.mb.width(text, size);
    const c = Math.SQRT1_2;
    page.drawText(text, {
      x: A4.width / 2 - (w / 2) * c + (size / 3) * c,
      y: A4.height / 2 - (w / 2) * c - (size / 3) * c,
      size,
      font: this.bold,
      color: rgb(0.75, 0.1, 0.1),
      opacity: 0.28,
      rotate: degrees(45),
    });
  }
}
