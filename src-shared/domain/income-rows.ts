import type { IncomeRow } from './red-document';

/** Guide labels of the income rows (red-domain.md §5.4, pp. 4–15): the editor and the prints share them. */
export const INCOME_ROW_LABELS: Readonly<Record<IncomeRow, string>> = {
  A1: 'Lavoro dipendente prestato in Italia',
  A2: "Lavoro dipendente prestato all'estero",
  A3: 'Lavoro autonomo',
  A4: 'Prestazioni coordinate e continuative, lavoro a progetto',
  B1: 'Casa di abitazione',
  B2: 'Altri Immobili (terreni e fabbricati)',
  C1: 'Interessi bancari, postali, dei titoli di Stato, proventi di quote di investimento',
  D1: 'Prestazioni assistenziali',
  E1: 'Arretrati di lavoro dipendente',
  E2: 'Arretrati di integrazione salariale',
  E3: 'TFR, buonuscita, liquidazioni,...',
  F1: 'Rendite vitalizie e/o tempo determinato',
  F2: 'Assegno di mantenimento',
  F3: 'Altri redditi IRPEF',
  F4: 'Altri redditi esenti da IRPEF',
  G1: "Ammontare di IRPEF pagata nell'anno",
  G2: 'Quote di pensione trattenute',
};
