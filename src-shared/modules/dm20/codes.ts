/**
 * The error codes of the DM20-REG acquisition (INPS circolare 83/1992, seed 001; red-domain.md §12.2), one
 * catalogue for the checks, the lists and "Decodifica codici errore". The codes DD/FS/SS are the circular's; the
 * blocking errors have no number in the circular, so the BL codes are this project's (marked `fonte: 'progetto'`).
 * SS004 is not defined in the circular and is not used.
 */
export type Dm20Classe =
  /** Not a DM20-REG or matricola absent/wrong: the slip is stornato (list C, collection DD). */
  | 'documento-diverso'
  /** Another sede's firm: sent to the competent sede (list C, collection FS). */
  | 'fuori-sede'
  /** Period error: the slip is forwarded and listed on list E. */
  | 'periodo'
  /** Blocking: the SC7/24 is not forwarded until the operator corrects it. */
  | 'bloccante';

/** What a code of each class does to the slip (shown beside the meaning in "Decodifica codici errore"). */
export const DM20_EFFETTO: Readonly<Record<Dm20Classe, string>> = {
  'documento-diverso': 'documento diverso (lista C)',
  'fuori-sede': 'fuori sede (lista C)',
  periodo: 'segnalato nella lista E',
  bloccante: "bloccante: impedisce l'inoltro",
};

export interface Dm20Codice {
  code: string;
  classe: Dm20Classe;
  significato: string;
  fonte: 'circolare' | 'progetto';
}

const c = (code: string, classe: Dm20Classe, significato: string, fonte: Dm20Codice['fonte'] = 'circolare'): Dm20Codice => ({ code, classe, significato, fonte });

export const DM20_CODICI = [
  c('DD001', 'documento-diverso', 'Documento diverso da DM20-REG'),
  c('DD003', 'documento-diverso', 'DM20-REG da stornare per matricola assente o errata'),
  c('FS001', 'fuori-sede', 'Mod. DM20-REG fuori sede (matricola di altra Sede)'),
  c('FS002', 'fuori-sede', 'Mod. DM20-REG fuori sede (azienda di Sede zonale o trasferita nella provincia)'),
  c('SS001', 'periodo', 'Periodo assente'),
  c('SS002', 'periodo', 'Mese errato: il periodo va indicato come MMAA'),
  c('SS003', 'periodo', 'Periodo errato: «Dal» successivo ad «Al»'),
  c('SS005', 'periodo', "Periodo anteriore al mese e anno di costituzione dell'azienda"),
  c('SS006', 'periodo', "Periodo posteriore alla cessazione dell'attività (tipi cessazione 1 e 2)"),
  c('SS007', 'periodo', "Periodo posteriore alla sospensione dell'azienda"),
  c('BL001', 'bloccante', 'Importo versato assente o inferiore a 1.000 lire', 'progetto'),
  c('BL002', 'bloccante', 'Tipo archivio diverso da 1, 2, 7, 9', 'progetto'),
  c('BL003', 'bloccante', 'Numero inadempienza inferiore a 501 e diverso da zero', 'progetto'),
  c('BL004', 'bloccante', 'Data di versamento assente o errata', 'progetto'),
  c('BL005', 'bloccante', "Periodo posteriore al mese e anno della data articolo dell'SC7/24: da rettificare", 'progetto'),
  c('BL006', 'bloccante', 'Periodo posteriore alla data di versamento: da rettificare', 'progetto'),
] as const satisfies readonly Dm20Codice[];

export type Dm20Code = (typeof DM20_CODICI)[number]['code'];

const BY_CODE = new Map<string, Dm20Codice>(DM20_CODICI.map((x) => [x.code, x]));
export function dm20Codice(code: Dm20Code): Dm20Codice {
  const found = BY_CODE.get(code);
  if (!found) throw new Error(`Codice DM20-REG sconosciuto: ${code}`);
  return found;
}

/** Tipo archivio (2.1.3 C): the codes the circular allows, with their meaning. The seed lost the line of code 7
 * (only "L. 638/83" survives), so its label is that law as read. */
export const TIPI_ARCHIVIO: Readonly<Record<'1' | '2' | '7' | '9', string>> = {
  '1': 'Bollettini da Recupero Crediti',
  '2': 'Bollettini da rateazioni',
  '7': 'Bollettini L. 638/83',
  '9': 'Bollettini da Condono L. 48/88',
};

/** Tipo cessazione of a firm: 1 and 2 make SS006; 9 = transferred within the province (always FS002). */
export const TIPI_CESSAZIONE = ['1', '2', '9'] as const;
