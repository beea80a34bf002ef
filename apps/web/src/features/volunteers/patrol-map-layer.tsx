import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { patrolKeys, patrolsApi } from '../../api/patrols-api.ts';
import { useModuleQuery } from '../../app/use-module-query.ts';
import { formatClock } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { popupContent, usePointLayer } from '../../map/use-point-layer.ts';
import { collection, patrolLayers, targetFeatures, trackFeatures } from './patrol-map.ts';

const layers = patrolLayers('patrols');
/** The command map's layer ids of 义警巡逻 (the layer switcher's group). */
export const patrolLayerIds: readonly string[] = layers.map((l) => l.id);

/**
 * 义警巡逻 on the command map: the volunteers' runs under way in the user's scope, each with the walked
 * track, the volunteer's newest fix and the patrol's target (point, line or area). Tracks grow live on
 * `patrol.task.changed` (the page's live channel must carry that topic); a click on a volunteer opens a popup
 * with a link to the task on the volunteers page.
 */
export function PatrolRunsMapLayer(props: {
  map: MapLibreMap | null;
  visible: boolean;
  clickable?: boolean;
}) {
  const t = useT();
  const navigate = useNavigate();
  const { allowed, data: live } = useModuleQuery({
    module: 'volunteers',
    queryKey: patrolKeys.live,
    queryFn: patrolsApi.live,
    refreshOn: 'patrol.task.changed',
  });
  const data = useMemo(() => {
    const seen = new Set<string>();
    const features = [];
    for (const { run, task, track } of live?.items ?? []) {
      if (!seen.has(task.id)) {
        seen.add(task.id);
        features.push(...targetFeatures(task));
      }
      features.push(
        ...trackFeatures(track, {
          runId: run.id,
          taskId: task.id,
          name: task.featureName,
          kind: task.featureKind,
          member: run.memberName,
          since: run.startedAt,
          points: run.points,
        }),
      );
    }
    return collection(features);
  }, [live]);
  const popup = useCallback(
    (p: Record<string, unknown>) =>
      popupContent(
        String(p.name),
        [
          `${t(`patrols.kind.${String(p.kind)}` as MessageKey)} · ${t('patrols.status.active')}`,
          `${t('patrols.map.member')}：${String(p.member)}`,
          `${t('patrols.map.since')}：${formatClock(typeof p.since === 'string' ? p.since : null)}`,
          `${t('patrols.col.points')}：${String(p.points)}`,
        ],
        {
          href: `/volunteers?tab=patrols&task=${encodeURIComponent(String(p.taskId))}`,
          text: t('patrols.detail'),
          go: navigate,
        },
        'patrol-popup',
      ),
    [t, navigate],
  );
  usePointLayer({
    map: props.map,
    enabled: allowed,
    source: 'patrols',
    layers,
    data,
    visible: props.visible,
    clickable: props.clickable ?? true,
    popup,
  });
  return null;
}
