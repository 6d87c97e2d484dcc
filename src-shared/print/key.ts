/**
 * The declaration key printed as a Code 128 barcode on every page of a model: a signed paper copy scanned in
 * the monitor selects its declaration. "RED-<progressivo, 6 digits or more>-<codice fiscale>": the progressivo identifies the
 * declaration in this archive, the codice fiscale lets the operator check by eye that it is the right one.
 */
const KEY = /^RED-(\d{6,9})-([A-Z0-9]{11,16})$/;

export function declarationKey(progressivo: number, codiceFiscale: string): string {
  return `RED-${String(progressivo).padStart(6, '0')}-${codiceFiscale.trim().toUpperCase()}`;
}

export function parseDeclarationKey(text: string): { progressivo: number; codiceFiscale: string } | null {
  const m = KEY.exec(text.trim().toUpperCase());
  if (!m?.[1] || !m[2]) return null;
  return { progressivo: Number(m[1]), codiceFiscale: m[2] };
}
