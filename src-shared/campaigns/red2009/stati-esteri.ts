/**
 * "Stati esteri" and "Enti stranieri" for the foreign-pension grid (guide pp. 94–95), as data.
 *
 * PROJECT DATA [assumption] — the guide says the table of States is "supplied by INPS" and that each State has
 * its table of institutions, but neither table is in the text (red-domain.md §5.6, §14.1 n. 5). Until the INPS
 * tables are loaded:
 *  - State codes are 3 characters: the ISO 3166-1 numeric code (a public, stable stand-in for the INPS code);
 *  - institution codes are 3 characters chosen by the project (mnemonic of the institution's acronym);
 *  - the States are those most frequent in Italian emigration; the institutions are the main pension and
 *    accident bodies of 2008–2009.
 * Guide rules kept: an unknown institution is entered as "999 altro" (always available); a State with a single
 * institution lets the editor fill the field by itself (p. 94).
 */

export interface IstituzioneEstera {
  /** 3 characters. */
  codice: string;
  nome: string;
}
export interface StatoEstero {
  /** 3 characters (ISO 3166-1 numeric, stand-in for the INPS code). */
  codice: string;
  /** Italian name. */
  nome: string;
  istituzioni: readonly IstituzioneEstera[];
}

/** "999 altro": the institution to use when the one paying the pension is not in the State's table (p. 94). */
export const ISTITUZIONE_ALTRO: IstituzioneEstera = { codice: '999', nome: 'altro' };

const ist = (codice: string, nome: string): IstituzioneEstera => ({ codice, nome });

export const STATI_ESTERI: readonly StatoEstero[] = [
  {
    codice: '756',
    nome: 'Svizzera',
    istituzioni: [
      ist('AVS', "AVS/AI – Assicurazione vecchiaia, superstiti e invalidità (Cassa svizzera di compensazione)"),
      ist('SUV', 'SUVA – Istituto nazionale svizzero di assicurazione contro gli infortuni'),
      ist('LPP', 'LPP – Istituti di previdenza professionale (casse pensioni)'),
    ],
  },
  {
    codice: '276',
    nome: 'Germania',
    istituzioni: [
      ist('DRV', 'DRV – Deutsche Rentenversicherung'),
      ist('KBS', 'Deutsche Rentenversicherung Knappschaft-Bahn-See'),
      ist('DGU', 'DGUV – Berufsgenossenschaften (assicurazione infortuni)'),
    ],
  },
  {
    codice: '250',
    nome: 'Francia',
    istituzioni: [
      ist('CNA', "CNAV – Caisse nationale d'assurance vieillesse"),
      ist('MSA', 'MSA – Mutualité sociale agricole'),
      ist('ARR', 'AGIRC-ARRCO – Regimi complementari dei lavoratori dipendenti'),
      ist('CPA', "CPAM – Caisse primaire d'assurance maladie (rendite infortuni)"),
    ],
  },
  {
    codice: '056',
    nome: 'Belgio',
    istituzioni: [
      ist('ONP', 'ONP/RVP – Office national des pensions'),
      ist('FMP', 'FMP/FDMP – Fonds des maladies professionnelles'),
      ist('FAT', 'FAT – Fonds des accidents du travail'),
      ist('INA', "INASTI – Institut national d'assurances sociales pour travailleurs indépendants"),
    ],
  },
  {
    codice: '442',
    nome: 'Lussemburgo',
    istituzioni: [
      ist('CNP', "CNAP – Caisse nationale d'assurance pension"),
      ist('AAA', "AAA – Association d'assurance accident"),
    ],
  },
  {
    codice: '528',
    nome: 'Paesi Bassi',
    istituzioni: [
      ist('SVB', 'SVB – Sociale Verzekeringsbank'),
      ist('UWV', 'UWV – Uitvoeringsinstituut Werknemersverzekeringen'),
    ],
  },
  {
    codice: '040',
    nome: 'Austria',
    istituzioni: [
      ist('PVA', 'PVA – Pensionsversicherungsanstalt'),
      ist('AUV', 'AUVA – Allgemeine Unfallversicherungsanstalt'),
    ],
  },
  {
    codice: '124',
    nome: 'Canada',
    istituzioni: [
      ist('SDC', 'Service Canada (OAS – Old Age Security, CPP – Canada Pension Plan)'),
      ist('RRQ', 'Régie des rentes du Québec'),
    ],
  },
  {
    codice: '152',
    nome: 'Cile',
    istituzioni: [
      ist('INP', 'INP – Instituto de Normalización Previsional'),
      ist('AFP', 'AFP – Administradoras de Fondos de Pensiones'),
    ],
  },
  {
    codice: '724',
    nome: 'Spagna',
    istituzioni: [
      ist('INS', 'INSS – Instituto Nacional de la Seguridad Social'),
      ist('ISM', 'ISM – Instituto Social de la Marina'),
    ],
  },
  // States with a single institution: the editor fills the "Istituzione" by itself (p. 94).
  { codice: '826', nome: 'Regno Unito', istituzioni: [ist('DWP', 'DWP – Department for Work and Pensions')] },
  { codice: '840', nome: 'Stati Uniti', istituzioni: [ist('SSA', 'SSA – Social Security Administration')] },
  { codice: '036', nome: 'Australia', istituzioni: [ist('CEN', 'Centrelink')] },
  { codice: '032', nome: 'Argentina', istituzioni: [ist('ANS', 'ANSES – Administración Nacional de la Seguridad Social')] },
  { codice: '076', nome: 'Brasile', istituzioni: [ist('INS', 'INSS – Instituto Nacional do Seguro Social')] },
  { codice: '858', nome: 'Uruguay', istituzioni: [ist('BPS', 'BPS – Banco de Previsión Social')] },
  { codice: '862', nome: 'Venezuela', istituzioni: [ist('IVS', 'IVSS – Instituto Venezolano de los Seguros Sociales')] },
  { codice: '752', nome: 'Svezia', istituzioni: [ist('FKS', 'Försäkringskassan')] },
  { codice: '208', nome: 'Danimarca', istituzioni: [ist('PDK', 'Pensionsstyrelsen')] },
  { codice: '300', nome: 'Grecia', istituzioni: [ist('IKA', 'IKA-ETAM – Istituto delle assicurazioni sociali')] },
  { codice: '620', nome: 'Portogallo', istituzioni: [ist('CNP', 'Centro Nacional de Pensões')] },
  { codice: '372', nome: 'Irlanda', istituzioni: [ist('DSF', 'Department of Social and Family Affairs')] },
  { codice: '191', nome: 'Croazia', istituzioni: [ist('HZM', 'HZMO – Istituto croato per l’assicurazione pensionistica')] },
  { codice: '705', nome: 'Slovenia', istituzioni: [ist('ZPI', 'ZPIZ – Istituto per l’assicurazione pensionistica e di invalidità')] },
  { codice: '642', nome: 'Romania', istituzioni: [ist('CNP', 'CNPAS – Casa Naţională de Pensii')] },
  { codice: '616', nome: 'Polonia', istituzioni: [ist('ZUS', 'ZUS – Zakład Ubezpieczeń Społecznych')] },
  { codice: '674', nome: 'San Marino', istituzioni: [ist('ISS', 'ISS – Istituto per la Sicurezza Sociale')] },
  { codice: '336', nome: 'Città del Vaticano', istituzioni: [ist('FPV', 'Fondo Pensioni dello Stato della Città del Vaticano')] },
  { codice: '492', nome: 'Principato di Monaco', istituzioni: [ist('CAR', 'CAR – Caisse Autonome des Retraites')] },
  { codice: '438', nome: 'Liechtenstein', istituzioni: [ist('AHV', 'AHV-IV-FAK – Assicurazione vecchiaia e superstiti')] },
  { codice: '788', nome: 'Tunisia', istituzioni: [ist('CNS', 'CNSS – Caisse Nationale de Sécurité Sociale')] },
];

/** Marks the tables as project data, not INPS's. */
export const STATI_ESTERI_PROJECT_DEFINED = true;

// Lookups built once at module load.
const BY_STATO = new Map<string, StatoEstero>();
const ISTITUZIONI = new Map<string, ReadonlySet<string>>();
const LISTE = new Map<string, readonly IstituzioneEstera[]>();
for (const s of STATI_ESTERI) {
  if (s.codice.length !== 3) throw new Error(`Stati esteri: codice «${s.codice}» non di 3 caratteri.`);
  if (BY_STATO.has(s.codice)) throw new Error(`Stati esteri: codice «${s.codice}» duplicato.`);
  const codes = new Set<string>();
  for (const i of s.istituzioni) {
    if (i.codice.length !== 3 || i.codice === ISTITUZIONE_ALTRO.codice || codes.has(i.codice)) {
      throw new Error(`Stati esteri: istituzione «${i.codice}» di ${s.nome} non valida o duplicata.`);
    }
    codes.add(i.codice);
  }
  BY_STATO.set(s.codice, s);
  ISTITUZIONI.set(s.codice, codes);
  LISTE.set(s.codice, Object.freeze([...s.istituzioni, ISTITUZIONE_ALTRO]));
}

export function statoEstero(codice: string): StatoEstero | undefined {
  return BY_STATO.get(codice);
}

export function isStatoEsteroValido(codice: string): boolean {
  return BY_STATO.has(codice);
}

/** The institutions the operator can pick for a State, "999 altro" last; empty for an unknown State. */
export function istituzioniDi(stato: string): readonly IstituzioneEstera[] {
  return LISTE.get(stato) ?? [];
}

/** True if the institution belongs to the State's table, or is "999 altro" for a known State. */
export function isIstituzioneValida(stato: string, istituzione: string): boolean {
  const set = ISTITUZIONI.get(stato);
  if (!set) return false;
  return istituzione === ISTITUZIONE_ALTRO.codice || set.has(istituzione);
}

/** The State's only institution (the editor fills it by itself, p. 94), or null when there are several. */
export function istituzioneUnica(stato: string): IstituzioneEstera | null {
  const s = BY_STATO.get(stato);
  return s && s.istituzioni.length === 1 ? (s.istituzioni[0] ?? null) : null;
}

/** "Tipo" of a foreign pension (p. 94): Tipo n corresponds to row Hn. */
export const TIPI_PENSIONE_ESTERA: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = {
  1: 'pensioni dirette erogate da Stati esteri',
  2: 'pensioni ai superstiti erogate da Stati esteri',
  3: 'pensioni estere da infortuni sul lavoro',
  4: 'rendite vitalizie o a tempo determinato costituite a titolo oneroso (previdenza complementare estera)',
  5: 'arretrati da pensione estera',
};
