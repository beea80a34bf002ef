import type { FeatureCollection, Polygon } from 'geojson';

/** Shapes of the /api/intel answers the console reads (the server's presenters). */
export interface CrimeView {
  id: string;
  occurredFrom: string;
  occurredTo: string;
  lon: number;
  lat: number;
  category: string;
  categoryName: string;
  premise: string;
  premiseName: string;
  method: string;
  methodName: string;
  features: string[];
  featureNames: string[];
  property: string | null;
  suspect: string | null;
  seriesId: string | null;
  stationId: string | null;
  areaId: string | null;
  gridId: string | null;
}

export interface Explanation {
  zh: string;
  en: string;
}

export interface Candidate {
  record: CrimeView;
  score: number;
  similarities: Record<string, number>;
  explanation: Explanation;
}

export interface CandidatesResult {
  id: string;
  weights: Record<string, number>;
  candidates: Candidate[];
}

export interface SeriesView {
  id: string;
  name: string;
  seedIds: string[];
  memberIds: string[];
  members: CrimeView[];
  cohesion: number | null;
  explanation: Explanation;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface HotspotProperties {
  cell: string;
  value: number;
  count: number;
  z: number;
  p: number;
  flagged: boolean;
}

export type HotspotResult = FeatureCollection<Polygon, HotspotProperties> & {
  method: 'kde' | 'gistar';
  cellM: number;
  bandwidthM: number | null;
  train: { from: string; to: string; count: number };
  forecast: {
    from: string;
    to: string;
    areaShare: number;
    pai: number | null;
    pei: number | null;
    n: number;
    N: number;
    flaggedCells: number;
    studyCells: number;
  };
};

export interface KnoxResult {
  events: number;
  metric: string;
  iterations: number;
  spaceLabels: string[];
  timeLabels: string[];
  observed: number[][];
  expected: number[][];
  ratio: (number | null)[][];
  p: number[][];
}

export interface HeatResult {
  cells: number[][];
  total: number;
}

export interface ReportSection {
  key: string;
  title: string;
  text: string;
}

export interface ReportView {
  id: string;
  title: string;
  params: Record<string, unknown>;
  sections: ReportSection[];
  figures: { id: string; caption: string; source: { recordIds: string[]; query: Record<string, unknown> } }[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface IntelFilters {
  from?: string | undefined;
  to?: string | undefined;
  area?: string | undefined;
  category?: string | undefined;
}
