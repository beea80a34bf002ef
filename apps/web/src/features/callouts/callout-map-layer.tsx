import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { calloutKeys, calloutsApi } from '../../api/callouts-api.ts';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { useLiveEvents } from '../../app/live-channel.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { popupContent, usePointLayer } from '../../map/use-point-layer.ts';
import {
  CALLOUT_MAP_ROLES,
  calloutFeatures,
  calloutPlaceColor,
  recipientColor,
  volunteerColor,
  volunteerFeatures,
} from './callout-map-data.ts';

const calloutLayers: LayerSpecification[] = [
  {
    id: 'callout-ring-fill',
    type: 'fill',
    source: 'callouts',
    filter: ['==', ['get', 'kind'], 'ring'],
    paint: { 'fill-color': calloutPlaceColor, 'fill-opacity': 0.06 },
  },
  {
    id: 'callout-ring-line',
    type: 'line',
    source: 'callouts',
    filter: ['==', ['get', 'kind'], 'ring'],
    paint: { 'line-color': calloutPlaceColor, 'line-width': 2, 'line-dasharray': [3, 2] },
  },
  {
    id: 'callout-dot',
    type: 'circle',
    source: 'callouts',
    filter: ['!=', ['get', 'kind'], 'ring'],
    paint: {
      'circle-radius': ['match', ['get', 'kind'], 'place', 10, 7],
      'circle-color': ['get', 'color'],
      'circle-stroke-color': ['match', ['get', 'kind'], 'place', '#ffd666', '#ffffff'],
      'circle-stroke-width': ['match', ['get', 'kind'], 'place', 3, 2],
    },
  },
];
const volunteerLayers: LayerSpecification[] = [
  {
    id: 'volunteer-dot',
    type: 'circle',
    source: 'volunteers',
    paint: {
      'circle-radius': 5,
      'circle-color': volunteerColor,
      'circle-opacity': 0.85,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  },
];
export const calloutLayerIds: readonly string[] = calloutLayers.map((l) => l.id);
export const volunteerLayerIds: readonly string[] = volunteerLayers.map((l) => l.id);

/** Positions are personal data, each read audited: read when a layer is shown, once a minute. */
const POSITIONS_EVERY_MS = 60_000;

/**
 * 一呼百应 and 在岗志愿者 on the command map: each open call-out's place, the ring it has reached and every
 * recipient as a dot coloured by their answer at their last position; and the on-duty consenting volunteers
 * of the user's stations at their live positions. Only for the roles that read call-outs and volunteers;
 * call-outs move live on `callout.changed` (the page's live channel must carry that topic).
 */
export function CalloutMapLayers(props: {
  map: MapLibreMap | null;
  showCallouts: boolean;
  showVolunteers: boolean;
  clickable?: boolean;
  onIncident?: (incidentId: string) => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const allowed = hasAnyRole(user, CALLOUT_MAP_ROLES);
  const open = useQuery({
    queryKey: [...calloutKeys.list, 'open'],
    queryFn: () => calloutsApi.list(true),
    enabled: allowed,
    refetchInterval: 30_000,
  });
  const positions = useQuery({
    queryKey: calloutKeys.positions,
    queryFn: () => calloutsApi.positions(),
    enabled: allowed && (props.showCallouts || props.showVolunteers),
    refetchInterval: POSITIONS_EVERY_MS,
    staleTime: 20_000,
  });
  useLiveEvents('callout.changed', () => {
    if (!allowed) return;
    void queryClient.invalidateQueries({ queryKey: calloutKeys.list });
  });
  const calloutData = useMemo(
    () => calloutFeatures(open.data?.items ?? [], positions.data?.items ?? []),
    [open.data, positions.data],
  );
  const volunteerData = useMemo(() => volunteerFeatures(positions.data?.items ?? []), [positions.data]);
  const { onIncident } = props;
  const calloutPopup = useCallback(
    (p: Record<string, unknown>) => {
      const incidentId = typeof p.incidentId === 'string' ? p.incidentId : null;
      const link = {
        href: incidentId ? `#incident-${incidentId}` : '/volunteers',
        text: incidentId ? t('callouts.title') : t('menu.volunteers'),
        go: (href: string) => (incidentId && onIncident ? onIncident(incidentId) : navigate(href)),
      };
      if (p.kind === 'place')
        return popupContent(
          `${t('callouts.map.place')} · ${String(p.name)}`,
          [
            String(p.place),
            t('callouts.progress', { accepted: Number(p.accepted), needed: Number(p.needed) }),
            t('callouts.map.ring', { ring: Number(p.ring) }),
          ],
          link,
          'callout-popup',
        );
      return popupContent(
        String(p.name),
        [t(`callouts.map.recipient.${recipientColor(String(p.state))}` as MessageKey)],
        link,
        'callout-popup',
      );
    },
    [t, navigate, onIncident],
  );
  const volunteerPopup = useCallback(
    (p: Record<string, unknown>) => {
      const skills = String(p.skills ?? '')
        .split(',')
        .filter(Boolean)
        .map((s) => t(`volunteers.skill.${s}` as MessageKey))
        .join('、');
      return popupContent(
        `${t('callouts.map.volunteer')} · ${String(p.name)}`,
        [
          t('callouts.map.skills', { skills: skills || t('mobile.callouts.anySkill') }),
          t('callouts.map.at', { time: formatDateTime(typeof p.at === 'string' ? p.at : null) }),
        ],
        { href: '/volunteers', text: t('menu.volunteers'), go: navigate },
        'volunteer-popup',
      );
    },
    [t, navigate],
  );
  usePointLayer({
    map: props.map,
    enabled: allowed,
    source: 'volunteers',
    layers: volunteerLayers,
    data: volunteerData,
    visible: props.showVolunteers,
    clickable: props.clickable ?? true,
    popup: volunteerPopup,
  });
  usePointLayer({
    map: props.map,
    enabled: allowed,
    source: 'callouts',
    layers: calloutLayers,
    data: calloutData,
    visible: props.showCallouts,
    clickable: props.clickable ?? true,
    popup: calloutPopup,
  });
  return null;
}
