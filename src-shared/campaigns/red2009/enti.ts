/**
 * "Redditi da Ente pensionistico Italiano" — the list behind "Seleziona Ente" (guide pp. 47, 83, 88), as data.
 *
 * PROJECT DATA [assumption] — the guide refers to the "elenco degli Enti che hanno ottemperato" (the bodies that
 * send their pension data to the "Casellario unico delle pensioni", p. 47) but does not print it
 * (red-domain.md §5.7, §14.1 n. 6). This list holds the main Italian pension bodies of 2008–2009; the
 * `casellario` flags are placeholders to be replaced by the list supplied by INPS. `casellario: false` marks
 * a body the project treats as NOT reporting to the Casellario: choosing it has the same effect as "Ente
 * pensionistico non codificato" (the RED cannot be taken by the CAF, rule ENT-01).
 *
 * INPS, INPDAP and IPOST are not in the list (p. 88): they are the bodies that ask for the RED, and their pensions
 * are the default choice "nessun ente" of the editor, never a body to select (issue 11).
 */


export interface EntePensionistico {
  /** Up to 10 characters (RedDocument.ente.codice). */
  codice: string;
  nome: string;
  /** The body sends its pension data to the Casellario (its pensions are never entered in the RED). */
  casellario: boolean;
}

export const ENTI_PENSIONISTICI: readonly EntePensionistico[] = [
  { codice: 'INAIL', nome: "INAIL – Istituto Nazionale per l'Assicurazione contro gli Infortuni sul Lavoro", casellario: true },
  { codice: 'ENPALS', nome: 'ENPALS – Ente Nazionale di Previdenza e Assistenza per i Lavoratori dello Spettacolo', casellario: true },
  { codice: 'IPSEMA', nome: 'IPSEMA – Istituto di Previdenza per il Settore Marittimo', casellario: true },
  { codice: 'INPGI', nome: 'INPGI – Istituto Nazionale di Previdenza dei Giornalisti Italiani', casellario: true },
  { codice: 'ENPAM', nome: 'ENPAM – Ente Nazionale di Previdenza e Assistenza dei Medici e degli Odontoiatri', casellario: true },
  { codice: 'FORENSE', nome: 'Cassa Nazionale di Previdenza e Assistenza Forense', casellario: true },
  { codice: 'ENASARCO', nome: 'ENASARCO – Ente Nazionale di Assistenza per gli Agenti e Rappresentanti di Commercio', casellario: true },
  { codice: 'CIPAG', nome: 'CIPAG – Cassa Italiana di Previdenza e Assistenza dei Geometri', casellario: true },
  { codice: 'INARCASSA', nome: 'INARCASSA – Cassa Nazionale di Previdenza per Ingegneri e Architetti', casellario: true },
  { codice: 'NOTARIATO', nome: 'Cassa Nazionale del Notariato', casellario: true },
  { codice: 'CNPADC', nome: 'CNPADC – Cassa Nazionale di Previdenza e Assistenza dei Dottori Commercialisti', casellario: true },
  { codice: 'CNPR', nome: 'CNPR – Cassa Nazionale di Previdenza e Assistenza dei Ragionieri', casellario: true },
  { codice: 'ENPACL', nome: 'ENPACL – Ente Nazionale di Previdenza e Assistenza per i Consulenti del Lavoro', casellario: true },
  { codice: 'ENPAV', nome: 'ENPAV – Ente Nazionale di Previdenza e Assistenza Veterinari', casellario: true },
  { codice: 'ENPAF', nome: 'ENPAF – Ente Nazionale di Previdenza e Assistenza Farmacisti', casellario: true },
  { codice: 'ENPAIA', nome: 'ENPAIA – Ente Nazionale di Previdenza per gli Addetti e gli Impiegati in Agricoltura', casellario: true },
  { codice: 'ENPAP', nome: 'ENPAP – Ente Nazionale di Previdenza e Assistenza per gli Psicologi', casellario: true },
  { codice: 'EPAP', nome: 'EPAP – Ente di Previdenza e Assistenza Pluricategoriale', casellario: true },
  { codice: 'ENPAPI', nome: 'ENPAPI – Ente Nazionale di Previdenza e Assistenza della Professione Infermieristica', casellario: true },
  { codice: 'FPBI', nome: "Fondo Pensioni del personale della Banca d'Italia", casellario: true },
  // Placeholders for bodies treated as not reporting to the Casellario (to be checked against the INPS list).
  { codice: 'FPREGSIC', nome: 'Fondo Pensioni del personale della Regione Siciliana', casellario: false },
  { codice: 'FPAZIEND', nome: 'Fondi di previdenza aziendali esclusivi (non trasmessi al Casellario)', casellario: false },
];

/** Marks the list as project data, not INPS's. */
export const ENTI_PROJECT_DEFINED = true;

const BY_CODICE = new Map<string, EntePensionistico>();
for (const e of ENTI_PENSIONISTICI) {
  if (e.codice.length === 0 || e.codice.length > 10) throw new Error(`Enti pensionistici: codice «${e.codice}» non valido.`);
  if (BY_CODICE.has(e.codice)) throw new Error(`Enti pensionistici: codice «${e.codice}» duplicato.`);
  BY_CODICE.set(e.codice, e);
}

export function entePensionistico(codice: string): EntePensionistico | undefined {
  return BY_CODICE.get(codice);
}
