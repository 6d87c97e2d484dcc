import { useState } from 'react';
import { errorText } from '../api-client/error-text';

/**
 * An operation of a window: its outcome shown as the status line, or its error (StatusLines); `busy` while it runs.
 */
export function useRun() {
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (what: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      setStatus(await what());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { status, setStatus, error, setError, busy, run };
}
