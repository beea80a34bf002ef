import type { OrgFeatureCollection } from '../api/orgs-api.ts';
import type { Unit } from '@ronghui/contracts';
import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { useMemo, useState } from 'react';
import { mapApi } from './map-resources.ts';
import { useMapConfig } from './use-maplibre.ts';
import { stationBlocks } from './map-3d.ts';

/** The map's settings from the server, the place labels, and the 2D/3D switch with its station blocks. */
export function useMap3d(orgs: OrgFeatureCollection | undefined, units: readonly Unit[], version: number) {
  const [on, setOn] = useState(false);
  const settings = useMapConfig();
  const places = useQuery({ queryKey: ['map', 'places'], queryFn: mapApi.places, staleTime: 10 * 60_000 });
  // Blocks follow the units on duty, but only while they are shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` marks a new snapshot of live units
  const blocks = useMemo(() => (on && orgs ? stationBlocks(orgs, units) : null), [on, orgs, version]);
  const data = useMemo(() => {
    const out: { places?: FeatureCollection; blocks?: FeatureCollection } = {};
    if (places.data) out.places = places.data;
    if (blocks) out.blocks = blocks;
    return out;
  }, [places.data, blocks]);
  return {
    on,
    setOn,
    settings: settings.data ?? null,
    hasTerrain: Boolean(settings.data?.terrain),
    data,
  };
}
