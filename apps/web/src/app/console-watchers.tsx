import type { Me, TopicPattern } from '@ronghui/contracts';
import type { ComponentType } from 'react';
import { hasAnyRole, useAuth } from './auth-context.tsx';
import { LiveChannelProvider } from './live-channel.tsx';
import { type ModuleKey, moduleByKey } from './navigation.tsx';

/**
 * Something a feature keeps running wherever the user is in the console (a notice of a red dispute, say):
 * a component that renders nothing of its own place, the live topics it listens to, and the module whose
 * readers it serves. Features provide watchers; the routes hand them to the shell.
 */
export interface ConsoleWatcher {
  key: string;
  /** It runs for users who may open this module (its menu roles). */
  module: ModuleKey;
  topics: readonly TopicPattern[];
  Component: ComponentType;
}

/** The watchers a user may have, and the live topics they need (each once). */
export function watchersOf(
  user: Me | null,
  watchers: readonly ConsoleWatcher[],
): { mine: ConsoleWatcher[]; topics: TopicPattern[] } {
  const mine = watchers.filter((w) => hasAnyRole(user, moduleByKey(w.module).roles));
  return { mine, topics: [...new Set(mine.flatMap((w) => w.topics))] };
}

/**
 * Runs the watchers the signed-in user may have, on one live channel of their topics, mounted once in the
 * shell: a page's own channel does not run them again.
 */
export function ConsoleWatchers({ watchers }: { watchers: readonly ConsoleWatcher[] }) {
  const { user } = useAuth();
  const { mine, topics } = watchersOf(user, watchers);
  if (mine.length === 0) return null;
  return (
    <LiveChannelProvider subscribe={topics}>
      {mine.map(({ key, Component }) => (
        <Component key={key} />
      ))}
    </LiveChannelProvider>
  );
}
