import type { CoverageReport, PatrolPlanFeature, RoadClosure } from '@ronghui/contracts';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import {
  createContext,
  type Dispatch,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { useLiveEvents } from '../../../app/live-channel.tsx';
import { type EditorEvent, type EditorState, editorReducer, idle } from './plan-editor.ts';
import { plansApi } from './plans-api.ts';

/** A road picked on the map to close. */
export interface PickedRoad {
  edges: number[];
  name: string | null;
  at: { lon: number; lat: number };
}

export interface PatrolState {
  /** The user may draw plans and close roads (the server decides in the end). */
  canPlan: boolean;
  editor: EditorState;
  send: Dispatch<EditorEvent>;
  closurePick: boolean;
  setClosurePick: (on: boolean) => void;
  pickedRoad: PickedRoad | null;
  setPickedRoad: (road: PickedRoad | null) => void;
  /** Why the last click on the map did nothing (no road there), for the panel. */
  mapNotice: 'noRoad' | null;
  setMapNotice: (notice: 'noRoad' | null) => void;
  plans: UseQueryResult<PatrolPlanFeature[]>;
  closures: UseQueryResult<RoadClosure[]>;
  coverage: UseQueryResult<CoverageReport>;
  /** The map or the panel shows coverage: keep it fetched. */
  wantCoverage: (who: 'map' | 'panel', on: boolean) => void;
  /** Units moved or changed status: refresh coverage, at most every 10 s. */
  unitsChanged: () => void;
  /** Map clicks belong to the patrol tools (drawing or picking a road), not to the console. */
  capturing: boolean;
}

const PatrolContext = createContext<PatrolState | null>(null);

export function usePatrol(): PatrolState {
  const state = useContext(PatrolContext);
  if (!state) throw new Error('usePatrol outside PatrolProvider');
  return state;
}

/** Coverage is computed over every available unit by road: asked again no more often than this. */
export const coverageRefreshMs = 10_000;

export function PatrolProvider({
  canPlan,
  canRead,
  children,
}: {
  canPlan: boolean;
  /** Plans and coverage are fetched only for roles that may read them. */
  canRead: boolean;
  children: ReactNode;
}) {
  const [editor, send] = useReducer(editorReducer, idle);
  const [closurePick, setClosurePick] = useState(false);
  const [pickedRoad, setPickedRoad] = useState<PickedRoad | null>(null);
  const [mapNotice, setMapNotice] = useState<'noRoad' | null>(null);
  const [wanted, setWanted] = useState({ map: false, panel: false });
  const coverageOn = canRead && (wanted.map || wanted.panel);

  const plans = useQuery({
    queryKey: ['patrol', 'plans'],
    queryFn: async () => (await plansApi.plans()).items,
    enabled: canRead,
    // Others' saves arrive as patrol.changed; the interval only catches up after a lost connection.
    refetchInterval: 5 * 60_000,
  });
  const closures = useQuery({
    queryKey: ['patrol', 'closures'],
    queryFn: async () => (await plansApi.closures()).items,
    // Closures end by themselves at their end time: the interval shows that; changes come live.
    refetchInterval: 30_000,
  });
  const coverage = useQuery({
    queryKey: ['patrol', 'coverage'],
    queryFn: () => plansApi.coverage('3,5,10'),
    enabled: coverageOn,
    staleTime: coverageRefreshMs,
    refetchInterval: 60_000,
  });

  // Plans and road closures changed by any console (or another server instance) redraw at once.
  useLiveEvents('patrol.*', () => {
    if (canRead) void plans.refetch();
  });
  useLiveEvents('road.*', () => {
    void closures.refetch();
    if (coverageOn) void coverage.refetch();
  });

  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ coverage, coverageOn });
  latest.current = { coverage, coverageOn };
  const unitsChanged = useCallback(() => {
    const { coverage: q, coverageOn: on } = latest.current;
    if (!on || pending.current) return;
    const wait = Math.max(0, q.dataUpdatedAt + coverageRefreshMs - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      if (latest.current.coverageOn && !latest.current.coverage.isFetching)
        void latest.current.coverage.refetch();
    }, wait);
  }, []);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );

  const wantCoverage = useCallback(
    (who: 'map' | 'panel', on: boolean) => setWanted((w) => (w[who] === on ? w : { ...w, [who]: on })),
    [],
  );

  const value = useMemo<PatrolState>(
    () => ({
      canPlan,
      editor,
      send,
      closurePick,
      setClosurePick: (on) => {
        setClosurePick(on);
        setMapNotice(null);
        if (on) send({ type: 'cancel' });
      },
      pickedRoad,
      setPickedRoad,
      mapNotice,
      setMapNotice,
      plans,
      closures,
      coverage,
      wantCoverage,
      unitsChanged,
      capturing: editor.mode === 'drawing' || closurePick,
    }),
    [
      canPlan,
      editor,
      closurePick,
      pickedRoad,
      mapNotice,
      plans,
      closures,
      coverage,
      wantCoverage,
      unitsChanged,
    ],
  );
  return <PatrolContext.Provider value={value}>{children}</PatrolContext.Provider>;
}
