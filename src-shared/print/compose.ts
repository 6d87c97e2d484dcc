/**
 * Layout data + declaration → `PrintDoc` (plain blocks). One function per section kind; the order and choice of
 * sections is the layout's (models.ts). Pure and synchronous: the print worker runs it for hundreds of
 * declarations.
 */
import { RED2009_CAMPAIGN } from '../campaigns/red2009/campaign';
import { DOC_LABELS } from '../campaigns/red2009/campaign';
import { RED2009_LAYOUT } from '../campaigns/red2009/stringa-caf-layout';
import { TIPI_PENSIONE_ESTERA } from '../campaigns/red2009/stati-esteri';
import { INCOME_ROW_LABELS } from '../domain/income-rows';
import { INCOME_ROWS, lineCents, type RedDocument } from '../domain/red-document';
import { formatCentesimi } from '../util/italian-input';
import { parseMatricola } from '../matricola/codec';
import { factsOf, formatEuro, STATO_CIVILE_LABELS, yearOf, type Facts, type SubjectFacts } from '../rules/facts';
import { formatDate, formatDateTime, isoToLocalInput, romeToday } from '../util/italian-time';
import type { Sblocco } from '../sblocco/api';
import { declarationKey } from './key';
import { residenceLine } from './names';
import { layoutOf, type ModelLayout, type SectionSpec } from './models';
import { cellFor, chooseModels, nonPresentata, NON_DICH, NON_DOVUTO, NON_RICH, type ChooseOptions, type ModelChoice } from './select';
import type { Block, ModelId, PageHeader, PrintDoc } from './types';

/** A declaration as the prints need it (read from the archive in one batch). */
export interface PrintDeclaration {
  id: number;
  progressivo: number;
  tipo: 'N' | 'R';
  matricola: string;
  codiceFiscale: string;
  document: RedDocument;
  dataConsegna: string | null;
  /** The unlocks of the CAF ("Sblocca dichiarazione errata"), printed on the RED/1. */
  sblocchi?: readonly Sblocco[];
}

/** The part of the page header that does not depend on the declaration. */
export interface HeaderBase {
  caf: string;
  sportello: string;
  operatore: string;
  stampatoIl: string;
}

/** Pensioner and identity document of a "Richiesta duplicato Stringa CAF" (p. 66). */
export interface DuplicatoData {
  codiceFiscale: string;
  cognome: string;
  nome: string;
  dataNascita: string;
  comuneNascita: string;
  indirizzo: string;
  comune: string;
  documento: { tipo: string; numero: string; rilasciatoDa: string; data: string };
}

const MODO_LABEL = { DOCUMENTATO: 'Documentato', AUTOCERTIFICATO: 'Autocertificato' } as const;

const isoDate = (iso: string | null | undefined) => (iso ? formatDate(`${iso}T12:00:00Z`) : '');

/** The validation facts of a declaration; a matricola that no longer decodes cannot be printed. */
export function printFacts(d: PrintDeclaration, today: string = romeToday()): Facts {
  const m = parseMatricola(d.matricola, RED2009_LAYOUT, { describe: false });
  if (!m.ok) throw new Error(`Progressivo ${d.progressivo}: la matricola non è leggibile, il modello non può essere stampato.`);
  return factsOf({ doc: d.document, matricola: m.value, campaign: RED2009_CAMPAIGN, today });
}

export function headerFor(base: HeaderBase, d: PrintDeclaration | null): PageHeader {
  return {
    ...base,
    progressivo: d?.progressivo ?? null,
    matricola: d?.matricola ?? null,
    codiceFiscale: d ? d.document.anagrafica.codiceFiscale || d.codiceFiscale : null,
    barcode: d ? declarationKey(d.progressivo, d.codiceFiscale) : null,
  };
}

function fullName(sf: SubjectFacts): string {
  return `${sf.subject.cognome} ${sf.subject.nome}`.trim();
}

function subjectLabel(sf: SubjectFacts): string {
  return `${sf.label} ${fullName(sf)}`.trim();
}

interface Ctx {
  d: PrintDeclaration | null;
  f: Facts | null;
  sf: SubjectFacts | null;
  duplicato: DuplicatoData | null;
}

function need<T>(v: T | null, what: string): T {
  if (v === null) throw new Error(`Stampa: ${what} mancante.`);
  return v;
}

const SECTIONS: { [K in SectionSpec['kind']]: (s: Extract<SectionSpec, { kind: K }>, c: Ctx) => Block[] } = {
  dichiarazione: (_s, c) => {
    const d = need(c.d, 'dichiarazione');
    const f = need(c.f, 'dichiarazione');
    const ente = RED2009_LAYOUT.fields.find((x) => x.key === 'codiceEmissione')?.meanings?.[f.matricola.values.codiceEmissione] ?? '';
    const items = [
      { label: 'Progressivo', value: String(d.progressivo) },
      { label: 'Matricola (Stringa CAF)', value: d.matricola },
      { label: 'Tipo dichiarazione', value: d.tipo === 'R' ? 'Rettificativa' : 'Normale' },
      { label: 'Ente che ha richiesto il RED', value: ente },
      { label: 'Anni richiesti', value: f.anni.map((a) => f.data.annoLabel(a)).join(', ') },
      { label: 'Modalità di compilazione', value: f.breve ? 'RED breve' : f.redMode ? MODO_LABEL[f.redMode] : '—' },
    ];
    if (d.dataConsegna) items.push({ label: 'Data di consegna della lettera', value: isoDate(d.dataConsegna) });
    return [{ kind: 'heading', text: 'Dati della dichiarazione' }, { kind: 'fields', items, columns: 2 }];
  },
  anagrafica: (s, c) => {
    if (c.duplicato) {
      const p = c.duplicato;
      return [
        { kind: 'heading', text: 'Dati anagrafici del pensionato' },
        {
          kind: 'fields',
          columns: 2,
          items: [
            { label: 'Codice fiscale', value: p.codiceFiscale },
            { label: 'Cognome e nome', value: `${p.cognome} ${p.nome}`.trim() },
            { label: 'Data di nascita', value: isoDate(p.dataNascita) },
            { label: 'Comune di nascita', value: p.comuneNascita },
            { label: 'Indirizzo', value: p.indirizzo },
            { label: 'Comune di residenza', value: p.comune },
          ],
        },
      ];
    }
    const f = need(c.f, 'dichiarazione');
    const sf = s.who === 'subject' ? need(c.sf, 'soggetto') : need(f.titolare ?? null, 'titolare');
    const x = sf.subject;
    const cf = x.role === 'TITOLARE' ? f.doc.anagrafica.codiceFiscale || x.codiceFiscale : x.codiceFiscale;
    return [
      { kind: 'heading', text: `Dati anagrafici – ${sf.label}` },
      {
        kind: 'fields',
        columns: 2,
        items: [
          { label: 'Codice fiscale', value: cf },
          { label: 'Cognome e nome', value: fullName(sf) },
          { label: 'Indirizzo', value: x.indirizzo },
          { label: 'Comune di residenza', value: residenceLine(x) },
        ],
      },
    ];
  },
  statoCivile: (_s, c) => {
    const f = need(c.f, 'dichiarazione');
    const a = f.doc.anagrafica;
    const known = STATO_CIVILE_LABELS[f.statoCivileMatricola] ?? f.statoCivileMatricola;
    const items = [{ label: "Stato civile noto all'ente", value: `${f.statoCivileMatricola} – ${known}` }];
    if (a.statoCivile !== null) {
      items.push({ label: 'Stato civile aggiornato', value: `${a.statoCivile} – ${STATO_CIVILE_LABELS[a.statoCivile] ?? ''}` });
      items.push({ label: 'Decorrenza', value: isoDate(a.statoCivileDecorrenza) });
    } else items.push({ label: 'Stato civile aggiornato', value: 'confermato' });
    return [{ kind: 'heading', text: 'Conferma/aggiornamento dati anagrafici' }, { kind: 'fields', items, columns: 3 }];
  },
  nucleo: (_s, c) => {
    const f = need(c.f, 'dichiarazione');
    return [
      { kind: 'heading', text: 'Nucleo familiare' },
      {
        kind: 'table',
        columns: [
          { label: 'Soggetto', width: 0.14 },
          { label: 'Codice fiscale', width: 0.24 },
          { label: 'Cognome e nome', width: 0.32 },
          { label: 'Redditi dichiarati', width: 0.3 },
        ],
        rows: f.subjects.map((sf) => [
          sf.label,
          sf.subject.role === 'TITOLARE' ? f.doc.anagrafica.codiceFiscale || sf.subject.codiceFiscale : sf.subject.codiceFiscale,
          fullName(sf),
          sf.neededYears.length ? sf.neededYears.map((a) => f.data.annoLabel(a)).join(', ') : 'nessun reddito richiesto',
        ]),
      },
    ];
  },
  redditi: (_s, c) => {
    const f = need(c.f, 'dichiarazione');
    const sf = need(c.sf, 'soggetto');
    const anni = f.anni;
    const yearInfo = anni.map((anno) => {
      const y = yearOf(sf.subject, anno);
      if (!sf.neededYears.includes(anno)) return { label: f.data.annoLabel(anno), value: 'redditi non richiesti per questo anno' };
      const doc = y?.doc ? (DOC_LABELS[anno]?.[y.doc] ?? y.doc) : '—';
      const modo = y?.modo ? MODO_LABEL[y.modo] : '—';
      return { label: f.data.annoLabel(anno), value: `${modo} · Facoltativi: ${y?.facoltativi ? 'sì' : 'no'} · Doc.: ${doc}` };
    });
    const w = 0.36 / Math.max(1, anni.length);
    return [
      { kind: 'heading', text: `Redditi – ${subjectLabel(sf)}` },
      { kind: 'fields', items: yearInfo, columns: 1 },
      {
        kind: 'table',
        columns: [
          { label: 'Rigo', width: 0.07, align: 'center' },
          { label: 'Descrizione', width: 0.57 },
          ...anni.map((a) => ({ label: `Anno ${a} (euro)`, width: w, align: 'right' as const })),
        ],
        rows: INCOME_ROWS.map((rigo) => [
          rigo,
          INCOME_ROW_LABELS[rigo],
          ...anni.map((anno) => {
            const cell = cellFor(sf, anno, rigo);
            return cell.kind === 'amount' ? formatEuro(cell.value) : cell.kind === 'nonDich' ? NON_DICH : cell.kind === 'nonRich' ? NON_RICH : NON_DOVUTO;
          }),
        ]),
      },
    ];
  },
  pensioniEstere: (_s, c) => {
    const f = need(c.f, 'dichiarazione');
    const sf = need(c.sf, 'soggetto');
    const rows = sf.subject.pensioniEstere;
    if (rows.length === 0) return [{ kind: 'paragraph', text: 'Pensioni estere: nessuna dichiarata.', small: true }];
    const w = 0.3 / Math.max(1, f.anni.length);
    return [
      { kind: 'heading', text: 'Pensioni estere' },
      {
        kind: 'table',
        columns: [
          { label: 'Stato', width: 0.12 },
          { label: 'Istituzione', width: 0.14 },
          { label: 'Tipo', width: 0.44 },
          ...f.anni.map((a) => ({ label: `Anno ${a} (euro)`, width: w, align: 'right' as const })),
        ],
        rows: rows.map((r) => [
          r.stato,
          r.istituzione,
          r.tipo ? `${r.tipo} – ${TIPI_PENSIONE_ESTERA[r.tipo as 1 | 2 | 3 | 4 | 5]}` : '',
          ...f.anni.map((a) => {
            const v = r.importi.find((i) => i.anno === a);
            return v ? formatEuro(v.importo) : '';
          }),
        ]),
      },
    ];
  },
  nonPresentata: (_s, c) => {
    const f = need(c.f, 'dichiarazione');
    const list = nonPresentata(f);
    if (list.length === 0) return [];
    return [
      { kind: 'heading', text: 'Soggetti che non hanno presentato la dichiarazione dei redditi' },
      {
        kind: 'table',
        columns: [
          { label: 'Soggetto', width: 0.3 },
          { label: "Anno d'imposta", width: 0.1, align: 'center' },
          { label: 'Dichiarazione dei redditi', width: 0.6 },
        ],
        rows: list.map(({ sf, anno }) => [subjectLabel(sf), String(anno), DOC_LABELS[anno]?.NESSUNA ?? 'Nessuna']),
      },
    ];
  },
  sblocchi: (_s, c) => {
    const list = c.d?.sblocchi ?? [];
    if (list.length === 0) return [];
    return [
      { kind: 'heading', text: 'Errori sbloccati dal CAF (Sblocca dichiarazione errata)' },
      {
        kind: 'table',
        columns: [
          { label: 'Errore', width: 0.36 },
          { label: 'Sbloccato il', width: 0.18 },
          { label: 'Operatore', width: 0.16 },
          { label: 'Codice (valido fino al)', width: 0.3 },
        ],
        rows: list.map((x) => [`${x.codiceErrore} Valore diverso da reddito 730`, formatDateTime(x.at).slice(0, 16), x.operator, `${x.codice} (${isoDate(x.scadenza)})`]),
      },
      ...list.map((x): Block => ({ kind: 'paragraph', text: `Motivo dello sblocco ${x.codiceErrore}: ${x.motivo}` })),
    ];
  },
  documenti: (_s, c) => {
    const f = need(c.f, 'dichiarazione');
    const rows: string[][] = [];
    let total = 0;
    for (const e of f.counted) {
      for (const doc of e.entry.documenti) {
        const cents = lineCents(doc);
        rows.push([subjectLabel(e.sf), String(e.year.anno), e.rigo, doc.descrizione, formatCentesimi(cents)]);
        total += cents;
      }
    }
    if (rows.length === 0) return [{ kind: 'paragraph', text: 'Nessun documento elencato.' }];
    // Each row's amount is its documents' total rounded up once (p. 93); the grand total is shown as typed.
    rows.push(['', '', '', 'Totale dei documenti elencati', formatCentesimi(total)]);
    return [
      { kind: 'heading', text: 'Documenti esibiti' },
      {
        kind: 'table',
        columns: [
          { label: 'Soggetto', width: 0.26 },
          { label: 'Anno', width: 0.08, align: 'center' },
          { label: 'Rigo', width: 0.07, align: 'center' },
          { label: 'Documento', width: 0.43 },
          { label: 'Importo (euro)', width: 0.16, align: 'right' },
        ],
        rows,
      },
    ];
  },
  redditiInseriti: (s, c) => {
    const f = need(c.f, 'dichiarazione');
    const entries = f.counted.filter((e) => e.entry.importo !== 0 && (!s.onlyNonPresentata || e.year.doc === 'NESSUNA'));
    const blocks: Block[] = [{ kind: 'heading', text: 'Redditi dichiarati' }];
    if (entries.length > 0) {
      blocks.push({
        kind: 'table',
        columns: [
          { label: 'Soggetto', width: 0.27 },
          { label: 'Anno', width: 0.08, align: 'center' },
          { label: 'Rigo', width: 0.07, align: 'center' },
          { label: 'Descrizione', width: 0.42 },
          { label: 'Importo (euro)', width: 0.16, align: 'right' },
        ],
        rows: entries.map((e) => [subjectLabel(e.sf), String(e.year.anno), e.rigo, INCOME_ROW_LABELS[e.rigo], formatEuro(e.entry.importo)]),
      });
    }
    blocks.push({
      kind: 'paragraph',
      text: entries.length
        ? 'Per ogni altro rigo richiesto il reddito dichiarato è pari a zero.'
        : 'Nessun reddito oltre alle pensioni già presenti nel Casellario: ogni rigo richiesto è pari a zero.',
    });
    return blocks;
  },
  evento: (s, c) => {
    const f = need(c.f, 'dichiarazione');
    const a = f.doc.anagrafica;
    return s.evento === 'DECESSO'
      ? [{ kind: 'heading', text: 'Decesso del pensionato' }, { kind: 'fields', columns: 1, items: [{ label: 'Data del decesso', value: isoDate(a.dataDecesso) }] }]
      : [{ kind: 'heading', text: "Trasferimento all'estero" }, { kind: 'fields', columns: 1, items: [{ label: 'Data di espatrio', value: isoDate(a.dataEspatrio) }] }];
  },
  erede: (_s, c) => {
    const f = need(c.f, 'dichiarazione');
    return [
      { kind: 'heading', text: "Dati dell'erede / del dichiarante" },
      {
        kind: 'fields',
        columns: 2,
        items: [
          { label: 'Codice fiscale', value: f.doc.erede.codiceFiscale },
          { label: 'Cognome e nome', value: f.doc.erede.nominativo },
        ],
      },
    ];
  },
  testo: (s) => [...(s.heading ? [{ kind: 'heading' as const, text: s.heading }] : []), { kind: 'paragraph', text: s.text }],
  firme: (s) => [{ kind: 'spacer', height: 8 }, { kind: 'signatures', boxes: s.boxes, placeDate: true }],
  privacy: () => [
    {
      kind: 'paragraph',
      small: true,
      text: "Informativa sul trattamento dei dati personali (D.Lgs. 30 giugno 2003, n. 196): i dati sono raccolti dal CAF solo per compilare e trasmettere all'ente pensionistico la dichiarazione reddituale richiesta; sono trattati anche con strumenti informatici, comunicati soltanto all'ente e conservati con i documenti per il tempo previsto dalla legge. L'interessato può chiedere l'accesso ai propri dati e la loro correzione.",
    },
  ],
  righiPrestampati: (_s, c) => {
    const f = need(c.f, 'dichiarazione');
    const w = 0.34 / Math.max(1, f.anni.length);
    return [
      { kind: 'heading', text: 'Redditi percepiti' },
      {
        kind: 'table',
        columns: [
          { label: 'Rigo', width: 0.07, align: 'center' },
          { label: 'Descrizione', width: 0.59 },
          ...f.anni.map((a) => ({ label: `Anno ${a} (euro)`, width: w, align: 'right' as const })),
        ],
        rows: INCOME_ROWS.map((rigo) => [rigo, INCOME_ROW_LABELS[rigo], ...f.anni.map(() => '')]),
      },
    ];
  },
  righeLibere: (s) => [{ kind: 'lines', count: s.count }],
  documentoIdentita: (_s, c) => {
    const p = need(c.duplicato, 'documento di identità');
    return [
      { kind: 'heading', text: 'Documento di identità' },
      {
        kind: 'fields',
        columns: 2,
        items: [
          { label: 'Tipo', value: p.documento.tipo },
          { label: 'Numero', value: p.documento.numero },
          { label: 'Rilasciato da', value: p.documento.rilasciatoDa },
          { label: 'Data di rilascio', value: isoDate(p.documento.data) },
        ],
      },
    ];
  },
  vademecum: (_s, c) => {
    const blocks: Block[] = [
      { kind: 'paragraph', text: 'Per compilare la dichiarazione RED il pensionato porta allo sportello:' },
      ...VADEMECUM.map((t, i): Block => ({ kind: 'paragraph', text: `${i + 1}. ${t}` })),
    ];
    if (c.f) {
      const f = c.f;
      const who = f.subjects.filter((sf) => sf.neededYears.length > 0);
      blocks.push({ kind: 'heading', text: 'Persone per cui raccogliere i documenti' });
      blocks.push({
        kind: 'table',
        columns: [
          { label: 'Soggetto', width: 0.2 },
          { label: 'Codice fiscale', width: 0.25 },
          { label: 'Cognome e nome', width: 0.3 },
          { label: 'Anni', width: 0.25 },
        ],
        rows: (who.length ? who : f.titolare ? [f.titolare] : []).map((sf) => [
          sf.label,
          sf.subject.codiceFiscale,
          fullName(sf),
          (sf.neededYears.length ? sf.neededYears : f.anni).map((a) => f.data.annoLabel(a)).join(', '),
        ]),
      });
    }
    blocks.push({
      kind: 'paragraph',
      small: true,
      text: 'Il CAF conserva per 10 anni la copia di tutti i documenti, con l\'originale della lettera di richiesta, insieme alla copia del modello RED firmata dal pensionato.',
    });
    return blocks;
  },
};

/** The documents to ask for (p. 73), in our words. */
const VADEMECUM: readonly string[] = [
  "la lettera di richiesta del RED (l'originale resta al CAF);",
  "l'ultima dichiarazione dei redditi presentata (Mod. 730 o UNICO) oppure, se non era obbligato a presentarla, l'ultimo Mod. CUD suo e dei familiari indicati nel RED;",
  'le certificazioni delle pensioni estere;',
  'i documenti dei redditi assimilati al lavoro dipendente (collaborazioni coordinate e continuative, lavoro a progetto…);',
  'se non ha presentato la dichiarazione dei redditi ma possiede terreni o fabbricati: visure catastali o atti che ne indicano il valore;',
  "i documenti dei redditi di capitale (dividendi, interessi bancari e postali, BOT, CCT e altri titoli di Stato, proventi di fondi comuni): per questi è ammessa l'autocertificazione.",
];

function composeSections(layout: ModelLayout, c: Ctx): Block[] {
  const out: Block[] = [];
  for (const s of layout.sections) {
    const fn = SECTIONS[s.kind] as (s: SectionSpec, c: Ctx) => Block[];
    out.push(...fn(s, c));
  }
  return out;
}

function doc(layout: ModelLayout, header: PageHeader, blocks: Block[], watermark: string | null, title?: string): PrintDoc {
  return { model: layout.id, code: layout.code, title: title ?? layout.title, guidePage: layout.guidePage, header, blocks, watermark };
}

/** One model of a declaration (a RED/F needs the child's key). */
export function composeModel(model: ModelId, d: PrintDeclaration, f: Facts, base: HeaderBase, subjectKey: string | null, watermark: string | null = null): PrintDoc {
  const layout = layoutOf(model);
  const sf = subjectKey === null ? null : (f.subjects.find((s) => s.subject.key === subjectKey) ?? null);
  if (layout.perSubject && !sf) throw new Error(`Stampa ${layout.code}: soggetto ${subjectKey ?? ''} non trovato.`);
  const title = layout.perSubject && sf ? `${layout.title}: ${fullName(sf)}` : undefined;
  return doc(layout, headerFor(base, d), composeSections(layout, { d, f, sf, duplicato: null }), watermark, title);
}

/** Every model a declaration prints ("STAMPA", p. 105), in order. */
export function composeDeclaration(
  d: PrintDeclaration,
  base: HeaderBase,
  opts: ChooseOptions & { watermark?: string | null; only?: readonly ModelId[] },
): { docs: PrintDoc[]; choices: ModelChoice[] } {
  const f = printFacts(d, isoToLocalInput(base.stampatoIl).slice(0, 10));
  let choices = chooseModels(f, opts);
  if (opts.only) choices = choices.filter((c) => opts.only?.includes(c.model));
  return { docs: choices.map((c) => composeModel(c.model, d, f, base, c.subjectKey, opts.watermark ?? null)), choices };
}

/** "Richiesta duplicato Stringa CAF" (p. 66): not tied to a declaration of this archive. */
export function composeDuplicato(p: DuplicatoData, base: HeaderBase): PrintDoc {
  const layout = layoutOf('DUPLICATO_STRINGA');
  const header: PageHeader = { ...base, progressivo: null, matricola: null, codiceFiscale: p.codiceFiscale, barcode: null };
  return doc(layout, header, composeSections(layout, { d: null, f: null, sf: null, duplicato: p }), null);
}

/** "Elenco documenti necessari" (p. 73): generic, or naming the household of a declaration. */
export function composeElencoDocumenti(d: PrintDeclaration | null, base: HeaderBase): PrintDoc {
  const layout = layoutOf('ELENCO_DOCUMENTI');
  const f = d ? printFacts(d) : null;
  return doc(layout, headerFor(base, d), composeSections(layout, { d, f, sf: null, duplicato: null }), null);
}
