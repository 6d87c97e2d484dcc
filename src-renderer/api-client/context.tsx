import { createContext, useContext } from 'react';
import type { RedDeskApi } from '#shared/api/contract';

export const ApiContext = createContext<RedDeskApi | null>(null);

export function useApi(): RedDeskApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('API di RED Desk non disponibile');
  return api;
}
