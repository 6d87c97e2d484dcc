import { useEffect, useState } from 'react';
import type { ArchiveHealth } from '#shared/api/contract';
import { useApi } from '../api-client/context';
import { formatDateTime } from '#shared/util/italian-time';

const TITLES: Record<ArchiveHealth['state'], string> = {
  RIAVVIATO: 'Archivio riavviato',
  NON_DISPONIBILE: 'Archivio non disponibile',
  DANNEGGIATO: 'Archivio danneggiato',
  RIPRISTINATO: 'Archivio ripristinato',
};

/**
 * Tells the operator what happened to the archive under RED Desk: restarted (the last operation may not have been
 * recorded; it can be dismissed), not available any more (RED Desk must be restarted; it stays), damaged at open
 * (the check found damage; it names the last good backup and stays until a restore) or restored from a backup.
 * What happened before the window opened (a damaged archive at start) is asked once at mount.
 */
export function ArchiveHealthBanner() {
  const api = useApi();
  const [health, setHealth] = useState<ArchiveHealth | null>(null);
  useEffect(() => {
    let live = true;
    api.invoke('archive.health', {}).then(
      (r) => live && r.health && setHealth((h) => h ?? r.health),
      () => undefined,
    );
    const off = api.on('archive.health', setHealth);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  if (!health) return null;
  const stays = health.state === 'NON_DISPONIBILE' || health.state === 'DANNEGGIATO';
  return (
    <div className={`archive-health ${stays ? 'lost' : 'restarted'}`} role="alert" aria-label="Stato dell'archivio">
      <strong>{TITLES[health.state]}</strong> ({formatDateTime(health.at)}): {health.message}
      {stays ? null : (
        <button type="button" onClick={() => setHealth(null)}>
          Chiudi avviso
        </button>
      )}
    </div>
  );
}
