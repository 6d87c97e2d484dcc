/**
 * Stringa CAF (matricola RED) of campaign RED2009 (redditi 2008, eventualmente 2007), as data.
 * PROJECT-DEFINED layout (docs: shared/reference/stringa-caf.md), not the INPS one: the guide gives the fields
 * and their values (pp. 41–44) but no positions nor controcodice algorithm. Another campaign = another table.
 */

export type MatricolaFieldKey =
  | 'codiceFiscale'
  | 'codiceEmissione'
  | 'anniRichiesti'
  | 'statoCivile'
  | 'rilevanzaConiuge'
  | 'numeroFigli'
  | 'codiceInvarianza'
  | 'tipoRighiDichiarante'
  | 'tipoRighiNucleo'
  | 'flagPensioniEstere'
  | 'flagLavoro2007'
  | 'flagLavoro2008'
  | 'controcodice';

export interface MatricolaFieldDef {
  key: MatricolaFieldKey;
  /** Guide wording, Italian. */
  label: string;
  /** 1-based start, as in stringa-caf.md. */
  start: number;
  length: number;
  allowed: readonly string[] | { pattern: string; description: string };
  /** What is allowed, in Italian; used verbatim in messages after "valori ammessi: ". */
  allowedText: string;
  meanings?: Readonly<Record<string, string>>;
  /** MAT-01 .. MAT-14 (red-domain.md §6.3). */
  errorCode: string;
  /** Values that are formally allowed but refused by this desk (e.g. anni richiesti 2, MAT-04). */
  refused?: Readonly<Record<string, { errorCode: string; reason: string }>>;
  /** Informative notes raised by a value (e.g. codice invarianza 1, MAT-16). */
  notes?: Readonly<Record<string, { code: string; message: string }>>;
  /** Special check beyond `allowed`: a formally valid codice fiscale, or the check character of the string. */
  check?: 'codiceFiscale' | 'controcodice';
}

export interface MatricolaLayout {
  campaign: 'RED2009';
  length: 30;
  fields: readonly MatricolaFieldDef[];
  /** Years whose incomes are asked, by value of "anni richiesti" (refused values are absent). */
  yearsByAnniRichiesti: Record<string, readonly number[]>;
  /** Marks the layout as the project's own choice, not INPS-defined. */
  projectDefined: true;
}

const codes = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));

const tipoRighiMeanings = (withNone: boolean): Record<string, string> => {
  const m: Record<string, string> = withNone ? { '00': 'nessun rigo per il nucleo' } : {};
  for (const c of codes(1, 29)) m[c] = `codice ${c}`;
  return m;
};

/** Flag lavoro: bit 1 dipendente, 2 autonomo, 4 collaborazione → "lavoro dipendente e autonomo". */
const lavoroMeanings = (): Record<string, string> => {
  const kinds = ['dipendente', 'autonomo', 'da collaborazione'];
  const m: Record<string, string> = {};
  for (let v = 0; v <= 7; v++) {
    const on = kinds.filter((_, bit) => (v & (1 << bit)) !== 0);
    const last = on.pop();
    m[String(v)] =
      last === undefined ? 'nessun tipo di lavoro' : `lavoro ${on.length ? `${on.join(', ')} e ${last}` : last}`;
  }
  return m;
};

const figliMeanings: Record<string, string> = { '0': 'nessun figlio', '1': '1 figlio' };
for (let n = 2; n <= 14; n++) figliMeanings[n < 10 ? String(n) : 'ABCDE'.charAt(n - 10)] = `${n} figli`;

const LAVORO_VALUES = ['0', '1', '2', '3', '4', '5', '6', '7'] as const;
const LAVORO_TEXT = 'da 0 a 7 (somma di 1 = lavoro dipendente, 2 = lavoro autonomo, 4 = lavoro da collaborazione)';

export const RED2009_LAYOUT: MatricolaLayout = {
  campaign: 'RED2009',
  length: 30,
  projectDefined: true,
  yearsByAnniRichiesti: { '1': [2008], '3': [2008, 2007] },
  fields: [
    {
      key: 'codiceFiscale',
      label: 'Codice fiscale',
      start: 1,
      length: 16,
      allowed: { pattern: '^[A-Z0-9]{16}$', description: 'un codice fiscale formalmente valido' },
      allowedText: 'un codice fiscale formalmente valido',
      errorCode: 'MAT-01',
      check: 'codiceFiscale',
    },
    {
      key: 'codiceEmissione',
      label: 'Codice emissione',
      start: 17,
      length: 1,
      allowed: ['8', 'G', 'H'],
      allowedText: '8 (INPS), G (INPDAP), H (IPOST)',
      meanings: { '8': 'INPS', G: 'INPDAP', H: 'IPOST' },
      errorCode: 'MAT-02',
    },
    {
      key: 'anniRichiesti',
      label: 'Anni richiesti',
      start: 18,
      length: 1,
      allowed: ['1', '2', '3'],
      allowedText: '1 (anno 2008), 3 (anni 2008 e 2007); il valore 2 non è attualmente gestito',
      meanings: { '1': 'anno 2008', '2': 'solo anno 2007 (attualmente non gestito)', '3': 'anni 2008 e 2007' },
      errorCode: 'MAT-03',
      refused: { '2': { errorCode: 'MAT-04', reason: 'il valore 2 (solo anno 2007) non è attualmente gestito' } },
    },
    {
      key: 'statoCivile',
      label: "Stato civile (conosciuto dall'ente)",
      start: 19,
      length: 1,
      allowed: ['0', '1', '2', '3', '4', '5'],
      allowedText:
        '0 (non noto), 1 (celibe/nubile), 2 (coniugato/a), 3 (vedovo/a), 4 (separato/a), 5 (divorziato/a)',
      meanings: {
        '0': 'non noto',
        '1': 'celibe/nubile',
        '2': 'coniugato/a',
        '3': 'vedovo/a',
        '4': 'separato/a',
        '5': 'divorziato/a',
      },
      errorCode: 'MAT-05',
    },
    {
      key: 'rilevanzaConiuge',
      label: 'Rilevanza coniuge',
      start: 20,
      length: 1,
      allowed: ['0', '1', '2'],
      allowedText: '0 (non rilevante), 1 (rilevante, richiesto se presente), 2 (rilevante ma non richiesto)',
      meanings: {
        '0': 'non rilevante',
        '1': 'rilevante: coniuge richiesto se presente',
        '2': 'rilevante ma non richiesto',
      },
      errorCode: 'MAT-06',
    },
    {
      key: 'numeroFigli',
      label: 'Numero figli',
      start: 21,
      length: 1,
      allowed: Object.keys(figliMeanings),
      allowedText: 'da 0 a 9, oppure da A (10 figli) a E (14 figli)',
      meanings: figliMeanings,
      errorCode: 'MAT-07',
    },
    {
      key: 'codiceInvarianza',
      label: 'Codice invarianza',
      start: 22,
      length: 1,
      allowed: ['0', '1'],
      allowedText: '0 (invarianza non ammessa), 1 (invarianza ammessa in passato)',
      meanings: {
        '0': 'dichiarazione di invarianza non ammessa',
        '1': "dichiarazione di invarianza ammessa in passato dall'ente",
      },
      errorCode: 'MAT-08',
      notes: {
        '1': {
          code: 'MAT-16',
          message:
            "Codice invarianza 1: in passato l'ente ammetteva la dichiarazione di invarianza; in entrambi i casi dovrà essere compilata una normale dichiarazione RED.",
        },
      },
    },
    {
      key: 'tipoRighiDichiarante',
      label: 'Codice tipo righi del dichiarante',
      start: 23,
      length: 2,
      allowed: codes(1, 29),
      allowedText: 'da 01 a 29',
      meanings: tipoRighiMeanings(false),
      errorCode: 'MAT-09',
    },
    {
      key: 'tipoRighiNucleo',
      label: 'Codice tipo righi del nucleo',
      start: 25,
      length: 2,
      allowed: codes(0, 29),
      allowedText: 'da 00 (nessun rigo per il nucleo) a 29',
      meanings: tipoRighiMeanings(true),
      errorCode: 'MAT-10',
    },
    {
      key: 'flagPensioniEstere',
      label: 'Flag pensioni estere',
      start: 27,
      length: 1,
      allowed: ['0', '1'],
      allowedText: "0 (nessuna pensione estera nota all'ente), 1 (pensione estera nota all'ente)",
      meanings: { '0': "nessuna pensione estera nota all'ente", '1': "pensione estera nota all'ente" },
      errorCode: 'MAT-11',
    },
    {
      key: 'flagLavoro2007',
      label: 'Flag lavoro anno 2007',
      start: 28,
      length: 1,
      allowed: LAVORO_VALUES,
      allowedText: LAVORO_TEXT,
      meanings: lavoroMeanings(),
      errorCode: 'MAT-12',
    },
    {
      key: 'flagLavoro2008',
      label: 'Flag lavoro anno 2008',
      start: 29,
      length: 1,
      allowed: LAVORO_VALUES,
      allowedText: LAVORO_TEXT,
      meanings: lavoroMeanings(),
      errorCode: 'MAT-13',
    },
    {
      key: 'controcodice',
      label: 'Controcodice',
      start: 30,
      length: 1,
      allowed: { pattern: '^[A-Z]$', description: 'una lettera da A a Z calcolata sulle posizioni 1–29' },
      allowedText: 'una lettera da A a Z calcolata sulle posizioni 1–29',
      errorCode: 'MAT-14',
      check: 'controcodice',
    },
  ],
};
