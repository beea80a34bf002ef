import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { dispatchApi, openStatuses } from '../../api/dispatch-api.ts';
import { useLiveEvents } from '../../app/live-channel.tsx';

/** The incidents still open in the user's scope, kept live (needs the live channel above it). */
export function useOpenIncidents() {
  const queryClient = useQueryClient();
  const incidents = useQuery({
    queryKey: ['dispatch', 'incidents'],
    queryFn: () => dispatchApi.incidents({ status: openStatuses }),
  });
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Bursts of events (a station committing four units) become one refresh of the lists.
  useLiveEvents(['incident.*', 'request.*'], (event) => {
    const { incidentId } = event.payload;
    if (incidentId) {
      void queryClient.invalidateQueries({ queryKey: ['dispatch', 'incident', incidentId] });
      void queryClient.invalidateQueries({ queryKey: ['dispatch', 'board', incidentId] });
    }
    clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: ['dispatch', 'incidents'] });
      void queryClient.invalidateQueries({ queryKey: ['dispatch', 'recommendations'] });
    }, 300);
  });
  return incidents;
}
