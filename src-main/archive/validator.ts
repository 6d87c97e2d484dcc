import { RED2009_LAYOUT } from '#shared/campaigns/red2009/stringa-caf-layout';
import { parseMatricola, type DecodedMatricola } from '#shared/matricola/codec';
import { validate } from '#shared/rules/engine';
import { RED2009_CAMPAIGN } from '#shared/campaigns/red2009/campaign';
import type { RedDocument } from '#shared/domain/red-document';
import type { Dichiarazione730 } from '#shared/import730/model';
import type { ValidationResult } from '#shared/rules/types';
import { romeToday } from '#shared/util/italian-time';

/** A matricola that no longer decodes (e.g. a layout change) makes the declaration Errata. */
const UNDECODABLE: ValidationResult = { findings: [], blocking: 1, warnings: 0, notes: 0, outcome: 'ERRATA' };

/**
 * The validation engine as the archive uses it: decodes the matricola once per distinct string (a check of
 * the whole archive sees each one once anyway) and runs every rule of the campaign.
 */
export function createValidator(
  today: () => string = () => romeToday(),
): (doc: RedDocument, matricola: string, dati730?: readonly Dichiarazione730[], sbloccati?: readonly string[]) => ValidationResult {
  const decoded = new Map<string, DecodedMatricola | null>();
  return (doc, matricola, dati730, sbloccati) => {
    let m = decoded.get(matricola);
    if (m === undefined) {
      const r = parseMatricola(matricola, RED2009_LAYOUT, { describe: false });
      m = r.ok ? r.value : null;
      if (decoded.size > 10_000) decoded.clear();
      decoded.set(matricola, m);
    }
    if (!m) return UNDECODABLE;
    return validate({ doc, matricola: m, campaign: RED2009_CAMPAIGN, today: today(), ...(dati730 && dati730.length > 0 ? { dati730 } : {}), ...(sbloccati && sbloccati.length > 0 ? { sbloccati } : {}) });
  };
}
