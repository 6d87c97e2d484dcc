/**
 * Lays out `PrintDoc`s (src-shared/print) on A4 pages and writes one PDF with pdf-lib + fontkit, DejaVu Sans
 * embedded as a subset. Every page carries the header (CAF and sportello, operator, progressivo, matricola,
 * the Code 128 of the declaration key) and the footer (print date, page n/m of the model, the guide page).
 * Two passes per model: the blocks are placed first, so that "Pag. n/m" knows m when the page is drawn.
 */
import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  degrees,
  endText,
  fill,
  lineTo,
  moveText,
  moveTo,
  PDFDocument,
  PDFHexString,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  showText,
  stroke,
  type PDFFont,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import type { Align, LabelSheetDoc, PrintDoc } from '#shared/print/types';
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
const RED = rgb(0.75, 0.1, 0.1);

export type TextOp = { t: 'text'; x: number; y: number; size: number; bold: boolean; text: string; color?: 'grey' | 'red' };
type Op =
  | TextOp
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill: boolean; stroke: boolean }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number };

/** Widths per character, cached: measuring through fontkit's shaper for every string is the slow part. */
class Metrics {
  private readonly cache = new Map<string, number>();
  /** Whole strings too: labels and descriptions repeat on every model. */
  private readonly strings = new Map<string, number>();
  constructor(private readonly font: PDFFont) {}
  width(text: string, size: number): number {
    const known = this.strings.get(text);
    if (known !== undefined) return known * size;
    let w = 0;
    for (const ch of text) {
      let cw = this.cache.get(ch);
      if (cw === undefined) {
        cw = this.font.widthOfTextAtSize(ch, 1000) / 1000;
        this.cache.set(ch, cw);
      }
      w += cw;
    }
    if (this.strings.size > 50_000) this.strings.clear();
    this.strings.set(text, w);
    return w * size;
  }
}

/**
 * pdf-lib encodes every string by shaping it with fontkit, and DejaVu's large GSUB/GPOS tables make that cost
 * about half a millisecond a call: 150 texts a page would cap the engine at some 20 pages a second. Our texts
 * are Latin and pdf-lib applies no kerning anyway, so each character is encoded once through pdf-lib's own
 * encoder (which also adds the glyph to the subset and to the ToUnicode map) and a string is the concatenation
 * of its characters' codes.
 */
function encodeByCharacter(font: PDFFont): void {
  const embedder = (font as unknown as { embedder: { encodeText(text: string): PDFHexString } }).embedder;
  const encodeOne = embedder.encodeText.bind(embedder);
  const codes = new Map<string, string>();
  embedder.encodeText = (text: string) => {
    let hex = '';
    for (const ch of text) {
      let code = codes.get(ch);
      if (code === undefined) {
        code = encodeOne(ch).asString();
        codes.set(ch, code);
      }
      hex += code;
    }
    return PDFHexString.of(hex);
  };
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
    encodeByCharacter(regular);
    encodeByCharacter(bold);
    pdf.setTitle(title);
    pdf.setProducer('RED Desk');
    pdf.setCreator('RED Desk');
    return new PdfWriter(pdf, regular, bold, new Metrics(regular), new Metrics(bold), options);
  }

  private lastBarcode: { text: string; bars: number[] } | null = null;
  /** The models of one declaration share its key: encode it once. */
  private barcode(text: string): number[] {
    if (this.lastBarcode?.text !== text) this.lastBarcode = { text, bars: code128Modules(text) };
    return this.lastBarcode.bars;
  }

  get pageCount(): number {
    return this.pages;
  }

  /** Lays out one model (possibly several pages) and draws it. Returns the number of pages added. */
  addDoc(doc: PrintDoc<string>): number {
    const planned = this.layout(doc);
    const bars = doc.header.barcode ? this.barcode(doc.header.barcode) : null;
    planned.forEach((ops, i) => {
      const page = this.pdf.addPage([A4.width, A4.height]);
      this.drawPage(page, [...this.chromeOps(doc, i + 1, planned.length), ...ops], bars && doc.header.barcode ? { bars, text: doc.header.barcode } : null);
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

  private layout(doc: PrintDoc<string>): Op[][] {
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
          // The grid of one page's part of the table: a rule under each row, the verticals once.
          let segTop = y;
          const closeSegment = () => {
            for (const x of [...xs, MARGIN + TEXT_W]) ops.push({ t: 'line', x1: x, y1: segTop, x2: x, y2: y });
          };
          const header = () => {
            segTop = y;
            ops.push({ t: 'rect', x: MARGIN, y: y - rowH, w: TEXT_W, h: rowH, fill: true, stroke: false });
            ops.push({ t: 'line', x1: MARGIN, y1: y, x2: MARGIN + TEXT_W, y2: y });
            b.columns.forEach((c, j) => aligned(xs[j] as number, c.width * TEXT_W, y - 9.3, c.label, 7, c.align ?? 'left', true));
            y -= rowH;
            ops.push({ t: 'line', x1: MARGIN, y1: y, x2: MARGIN + TEXT_W, y2: y });
          };
          ensure(rowH * 2);
          header();
          for (const r of b.rows) {
            if (y - rowH < BOTTOM) {
              closeSegment();
              newPage();
              header();
            }
            b.columns.forEach((c, j) => aligned(xs[j] as number, c.width * TEXT_W, y - 9.3, r[j] ?? '', 8, c.align ?? 'left'));
            y -= rowH;
            ops.push({ t: 'line', x1: MARGIN, y1: y, x2: MARGIN + TEXT_W, y2: y });
          }
          closeSegment();
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

  /**
   * Draws a page's operations as a few batched content-stream operators: all the grey bands in one path, all
   * the box borders and rules in another, all the texts in one text object (font, size and colour set only
   * when they change). pdf-lib's drawRectangle/drawText would emit a dozen operators per box or text, and
   * formatting their numbers dominates the time of a page.
   */
  private drawPage(page: PDFPage, ops: readonly Op[], barcode: { bars: readonly number[]; text: string } | null): void {
    const r2 = (v: number) => Math.round(v * 100) / 100;
    const out: PDFOperator[] = [pushGraphicsState()];
    const fills: PDFOperator[] = [];
    const strokes: PDFOperator[] = [];
    const texts: TextOp[] = [];
    for (const op of ops) {
      if (op.t === 'text') {
        if (op.text.trim() !== '') texts.push(op);
      } else if (op.t === 'rect') {
        const re = rectangle(r2(op.x), r2(op.y), r2(op.w), r2(op.h));
        if (op.fill) fills.push(re);
        if (op.stroke) strokes.push(op.fill ? rectangle(r2(op.x), r2(op.y), r2(op.w), r2(op.h)) : re);
      } else strokes.push(moveTo(r2(op.x1), r2(op.y1)), lineTo(r2(op.x2), r2(op.y2)));
    }
    if (fills.length) out.push(setFillingRgbColor(0.9, 0.9, 0.9), ...fills, fill());
    if (strokes.length) out.push(setStrokingRgbColor(0.55, 0.55, 0.55), setLineWidth(0.5), ...strokes, stroke());
    if (barcode) {
      const b = this.barcodeOps(barcode.bars, barcode.text, A4.width - MARGIN, A4.height - 21);
      out.push(setFillingRgbColor(0, 0, 0), ...b.bars, fill());
      texts.push(b.caption);
    }
    if (texts.length) {
      const keys = {
        regular: page.node.newFontDictionary(this.regular.name, this.regular.ref),
        bold: page.node.newFontDictionary(this.bold.name, this.bold.ref),
      };
      out.push(beginText());
      let font: 'regular' | 'bold' | null = null;
      let size = -1;
      let color: string | null = null;
      let x = 0;
      let y = 0;
      for (const t of texts) {
        const f = t.bold ? 'bold' : 'regular';
        if (f !== font || t.size !== size) {
          out.push(setFontAndSize(keys[f], t.size));
          font = f;
          size = t.size;
        }
        const c = t.color ?? 'black';
        if (c !== color) {
          const rgbOf = c === 'grey' ? GREY : c === 'red' ? RED : BLACK;
          out.push(setFillingRgbColor(rgbOf.red, rgbOf.green, rgbOf.blue));
          color = c;
        }
        // Td moves from the start of the previous line: relative steps.
        const nx = r2(t.x);
        const ny = r2(t.y);
        out.push(moveText(r2(nx - x), r2(ny - y)), showText((t.bold ? this.bold : this.regular).encodeText(t.text)));
        x = nx;
        y = ny;
      }
      out.push(endText());
    }
    out.push(popGraphicsState());
    page.pushOperators(...out);
  }

  /** The texts of the page header and footer (CAF, sportello, operator, progressivo, matricola, model, date, n/m). */
  private chromeTexts(doc: PrintDoc<string>, n: number, m: number): TextOp[] {
    const h = doc.header;
    const top = A4.height - 30;
    const t = (text: string, x: number, y: number, size: number, bold = false, color?: 'grey' | 'red'): TextOp =>
      color ? { t: 'text', x, y, size, bold, text, color } : { t: 'text', x, y, size, bold, text };
    const out: TextOp[] = [t(`${h.caf} · Sportello: ${h.sportello}`, MARGIN, top, 9, true)];
    const who = [`Operatore: ${h.operatore}`];
    if (h.progressivo !== null) who.push(`Progressivo: ${h.progressivo}`);
    out.push(t(who.join('   '), MARGIN, top - 12, 8));
    if (h.matricola) out.push(t(`Matricola: ${h.matricola}`, MARGIN, top - 23, 8));
    else if (h.codiceFiscale) out.push(t(`Codice fiscale: ${h.codiceFiscale}`, MARGIN, top - 23, 8));
    out.push(t(doc.code, MARGIN, top - 44, 12, true));
    // Also upright in the header, where no one can miss it and a text search finds it.
    if (doc.watermark) out.push(t(doc.watermark, A4.width - MARGIN - this.mb.width(doc.watermark, 11), top - 44, 11, true, 'red'));
    const title = this.fit(doc.title, TEXT_W, 9.5, this.mr);
    out.push(t(title.text, MARGIN, top - 57, title.size));
    out.push(t(`Stampato il ${formatDateTime(h.stampatoIl)}`, MARGIN, FOOTER_H - 11, 7));
    const note = this.options.footerNote ?? 'Modello predisposto da RED Desk (schema del progetto, non certificato INPS)';
    out.push(t(`${note} · guida ${doc.guidePage}`, MARGIN, FOOTER_H - 20, 6, false, 'grey'));
    const pg = `Pag. ${n}/${m}`;
    out.push(t(pg, A4.width - MARGIN - this.mb.width(pg, 8), FOOTER_H - 11, 8, true));
    return out;
  }

  /** Header and footer: texts and the two rules. */
  private chromeOps(doc: PrintDoc<string>, n: number, m: number): Op[] {
    const top = A4.height - 30;
    return [
      { t: 'line', x1: MARGIN, y1: top - 29, x2: A4.width - MARGIN, y2: top - 29 },
      { t: 'line', x1: MARGIN, y1: FOOTER_H, x2: A4.width - MARGIN, y2: FOOTER_H },
      ...this.chromeTexts(doc, n, m),
    ];
  }

  /**
   * Every text of a model as it lands on its pages, header and footer included, with no drawing: the bench
   * draws exactly these with bare pdf-lib as its baseline.
   */
  textRuns(doc: PrintDoc<string>): TextOp[][] {
    const planned = this.layout(doc);
    return planned.map((ops, i) => [...this.chromeTexts(doc, i + 1, planned.length), ...ops.filter((o): o is TextOp => o.t === 'text')]);
  }

  /** Code 128, right-aligned at `right`, top at `top`; 0.8 pt per module (≈ 0.28 mm) at most, 22 pt high. */
  private barcodeOps(widths: readonly number[], text: string, right: number, top: number): { bars: PDFOperator[]; caption: TextOp } {
    const total = widths.reduce((a, b) => a + b, 0);
    const module = Math.min(0.8, 230 / total);
    const barH = 22;
    let x = right - total * module;
    const left = x;
    const bars: PDFOperator[] = [];
    widths.forEach((w, i) => {
      if (i % 2 === 0) bars.push(rectangle(Math.round(x * 1000) / 1000, top - barH, Math.round(w * module * 1000) / 1000, barH));
      x += w * module;
    });
    const size = 6.5;
    const tw = this.mr.width(text, size);
    return { bars, caption: { t: 'text', x: left + (total * module - tw) / 2, y: top - barH - 8, size, bold: false, text } };
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
      color: RED,
      opacity: 0.28,
      rotate: degrees(45),
    });
  }
}
