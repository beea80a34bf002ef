import type { TopicPattern } from '@ronghui/contracts';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LiveChannelProvider, useLiveEvents } from '../app/live-channel.tsx';

/** What the phone listens to: its station's orders and units, the incidents it works, its messages, its call-outs. */
export const fieldTopics: readonly TopicPattern[] = [
  'request.changed',
  'incident.units',
  'incident.updated',
  'unit.status',
  'message.sent',
  'message.acknowledged',
  // A volunteer's own call-outs (addressed to them alone).
  'callout.alert',
];

/** Which of the phone's lists an event makes stale. */
export function staleKeys(topic: string, payload: Record<string, unknown>): (readonly unknown[])[] {
  switch (topic) {
    case 'request.changed':
      return [['mobile', 'requests']];
    case 'incident.units':
      return [
        ['mobile', 'units'],
        ['mobile', 'my-unit'],
        ['mobile', 'incident', payload.incidentId],
      ];
    case 'incident.updated':
      return [
        ['mobile', 'incident', payload.incidentId],
        ['mobile', 'attachments', payload.incidentId],
      ];
    case 'unit.status':
      return [
        ['mobile', 'units'],
        ['mobile', 'my-unit'],
      ];
    case 'message.sent':
    case 'message.acknowledged':
      return [['mobile', 'messages']];
    case 'callout.alert':
      return [['mobile', 'callouts']];
    default:
      return [];
  }
}

function Refresher() {
  const queryClient = useQueryClient();
  useLiveEvents(fieldTopics, (event) => {
    for (const queryKey of staleKeys(event.topic, event.payload as Record<string, unknown>))
      void queryClient.invalidateQueries({ queryKey });
  });
  return null;
}

/** The phone's live channel: an order reaches an open app at once, not at the next half-minute refresh. */
export function FieldLive({ children }: { children: ReactNode }) {
  return (
    <LiveChannelProvider subscribe={fieldTopics}>
      <Refresher />
      {children}
    </LiveChannelProvider>
  );
}
