import type { RedDeskApi } from '#shared/api/contract';
import type { PrintedFile } from '#shared/print/api';
import { storedToken } from '../api-client/client';

/**
 * Hands a print to the operator: Electron opens it in the system viewer; in the browser host the file is
 * fetched with the token and saved as a download under its own name. It is in stampe/ either way.
 */
export async function deliverFile(api: RedDeskApi, file: PrintedFile): Promise<string> {
  const token = storedToken();
  if (token === null) {
    await api.invoke('prints.open', { name: file.name });
    return `Aperto ${file.name}.`;
  }
  const res = await fetch(`/stampe/${encodeURIComponent(file.name)}`, { headers: { 'X-Red-Desk-Token': token } });
  if (!res.ok) throw new Error(`Download di ${file.name} non riuscito (${res.status}).`);
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return `Scaricato ${file.name}.`;
}

/** "Apri cartella stampe": Electron opens the folder; the browser host can only say where it is. */
export async function openStampeFolder(api: RedDeskApi): Promise<string> {
  const r = await api.invoke('prints.folder', {});
  return r.opened
    ? `Aperta la cartella delle stampe: ${r.path}`
    : `Le stampe sono nella cartella ${r.path} (dal browser la cartella non si apre: i file sono anche tra i download).`;
}

/** A job id the core accepts, unique enough for the jobs of one desk. */
export function newJobId(): string {
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
