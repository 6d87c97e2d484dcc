import { useEffect, useState } from 'react';
import type { ArchiveHealth } from '#shared/api/contract';
import { useApi } from '../api-client/context';
import { formatDateTime } from '#shared/util/italian-time';

/**
 * Tells the operator that the archive stopped under RED Desk: restarted (the last operation may not have been
 * recorded; it can be dismissed) or not available any more (RED Desk must be restarted; it stays).
 */
export function ArchiveHealthBanner() {
  const api = useApi();
  const [health, setHealth] = useState<ArchiveHealth | null>(null);
  useEffect(() => api.on('archive.health', setHealth), [api]);
  if (!health) return null;
  const lost = health.state === 'NON_DISPONIBILE';
  return (
    <div className={`archive-health ${lost ? 'lost' : 'restarted'}`} role="alert" aria-label="Stato dell'archivio">
      <strong>{lost ? 'Archivio non disponibile' : 'Archivio riavviato'}</strong> ({formatDateTime(health.at)}): {health.message}
      {lost ? null : (
        <button type="button" onClick={() => setHealth(null)}>
          Chiudi avviso
        </button>
      )}
    </div>
  );
}
