/** Guide labels of the income rows: one home in src-shared (the prints use them too). */
export { INCOME_ROW_LABELS } from '#shared/domain/income-rows';

/** Stato civile choices of "Conferma/aggiornamento dati anagrafici" (p. 79; codes of the matricola, p. 41). */
export const STATO_CIVILE_OPTIONS: readonly { value: '1' | '2' | '3' | '4' | '5'; label: string }[] = [
  { value: '1', label: '1 – celibe/nubile' },
  { value: '2', label: '2 – coniugato/a' },
  { value: '3', label: '3 – vedovo/a' },
  { value: '4', label: '4 – separato/a' },
  { value: '5', label: '5 – divorziato/a' },
];

export const TIPO_DICHIARAZIONE_LABELS = {
  NORMALE: 'Normale',
  RETTIFICATA: 'Rettificata',
  RETTIFICATIVA: 'Rettificativa',
} as const;

export const ROLE_LABELS = { TITOLARE: 'Titolare', CONIUGE: 'Coniuge', FIGLIO: 'Figlio' } as const;
