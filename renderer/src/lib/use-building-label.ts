/** Names a unit's building the way the building selector does ("MTCC 254"). */
import { useCallback } from 'react';
import { useApp } from '../stores/app-store';
import { corporationLabel } from './format';

export function useBuildingLabel(): (corporationId: string) => string {
  const corporations = useApp((s) => s.corporations);
  return useCallback((id: string) => corporations.find((c) => c.id === id)?.label ?? corporationLabel(id), [corporations]);
}

/** Whether lists should name each unit's building: under "All buildings", when there is more than one. */
export function useShowBuilding(): boolean {
  const chosen = useApp((s) => s.corporationId);
  const many = useApp((s) => s.corporations.length > 1);
  return !chosen && many;
}
