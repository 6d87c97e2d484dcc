/**
 * The statuses of a RED declaration and the monitor tab that shows each one (guide pp. 67–68, 99–110;
 * red-domain.md §3.3). One table: the archive's generated `tab` column must agree with it (a test checks).
 */
export const STATUSES = [
  'ERRATA',
  'INCOMPLETA',
  'COMPLETA',
  'ATTESA',
  'TRASM_CGN',
  'BLOCCATA',
  'TRASM_INPS',
  'RICEVUTA',
  'RETTIFICATA',
  'SCARTATA',
  'SCART_CAF',
] as const;
export type Status = (typeof STATUSES)[number];

export const TABS = ['DA_SPEDIRE', 'SPEDITE', 'RICEVUTE', 'SCARTATE'] as const;
export type Tab = (typeof TABS)[number];

export const TAB_LABELS: Readonly<Record<Tab, string>> = {
  DA_SPEDIRE: 'Da spedire',
  SPEDITE: 'Spedite',
  RICEVUTE: 'Ricevute',
  SCARTATE: 'Scartate',
};

export interface StatusInfo {
  /** Label as the monitor shows it (guide wording). */
  label: string;
  tab: Tab;
  /** Shown in the monitor only when the operator asks ("Visualizza rettificate"). */
  hiddenByDefault?: boolean;
}

export const STATUS_INFO: Readonly<Record<Status, StatusInfo>> = {
  ERRATA: { label: 'Errata', tab: 'DA_SPEDIRE' },
  INCOMPLETA: { label: 'Incompleta', tab: 'DA_SPEDIRE' },
  COMPLETA: { label: 'Completa', tab: 'DA_SPEDIRE' },
  ATTESA: { label: 'Attesa', tab: 'SPEDITE' },
  TRASM_CGN: { label: 'Trasm.CGN', tab: 'SPEDITE' },
  BLOCCATA: { label: 'Bloccata', tab: 'SPEDITE' },
  TRASM_INPS: { label: 'Trasm.INPS', tab: 'SPEDITE' },
  RICEVUTA: { label: 'Ricevuta', tab: 'RICEVUTE' },
  RETTIFICATA: { label: 'Rettificata', tab: 'RICEVUTE', hiddenByDefault: true },
  SCARTATA: { label: 'Scartata', tab: 'SCARTATE' },
  SCART_CAF: { label: 'Scart. CAF', tab: 'SCARTATE' },
};

export function tabOf(status: Status): Tab {
  return STATUS_INFO[status].tab;
}

export function statusesOf(tab: Tab): Status[] {
  return STATUSES.filter((s) => STATUS_INFO[s].tab === tab);
}
