import { BLOCCATA_CODE } from '#shared/domain/circolari';
import type { MonitorRow } from '#shared/domain/declaration';

/** "1 dichiarazione" / "3 dichiarazioni". */
export function dichiarazioni(n: number): string {
  return `${n.toLocaleString('it-IT')} ${n === 1 ? 'dichiarazione' : 'dichiarazioni'}`;
}

/** What an "Invio" did, in one line for the message bar. */
export function invioSummary(queued: number, refused: number): string {
  if (queued === 0) return `Nessuna dichiarazione inviata: ${dichiarazioni(refused)} non ${refused === 1 ? 'inviabile' : 'inviabili'} (vedere il motivo).`;
  return `${dichiarazioni(queued)} in attesa di conferma del CAF.${refused > 0 ? ` Non inviate: ${dichiarazioni(refused)} (vedere il motivo).` : ''}`;
}

/** The code of a rejection as the operator reads it ("9203", "Scart. CAF"). */
export function scartoCodeLabel(code: string | null): string {
  if (!code) return '';
  return code === 'SCART_CAF' ? 'Scart. CAF' : code === BLOCCATA_CODE ? 'Bloccata dal CAF' : code;
}

/**
 * The red message under the list for a rejected declaration (pp. 108–110): code, reason and, when the CAF
 * gave one, the suggested codice fiscale (Scart. CAF "collegato") or the correct matricola (9010 / 9011).
 */
export function scartoText(row: Pick<MonitorRow, 'status' | 'scartoCode' | 'scartoMessage' | 'scartoSuggestion'>): string {
  if (!row.scartoMessage && !row.scartoCode) return '';
  const parts = [scartoCodeLabel(row.scartoCode), row.scartoMessage ?? ''].filter(Boolean);
  let text = parts.join(' — ');
  if (row.scartoSuggestion) {
    text += row.status === 'SCART_CAF' ? ` — Codice fiscale suggerito: ${row.scartoSuggestion}` : ` — Matricola corretta: ${row.scartoSuggestion}`;
  }
  return text;
}
