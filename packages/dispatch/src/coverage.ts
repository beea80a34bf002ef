/** A place whose coverage counts: a village or community with its people. */
export interface CoveredPlace {
  code: string;
  groupKey: string;
  population: number;
}

export interface CoverageRow {
  key: string;
  villages: number;
  population: number;
  /** Per threshold (minutes): share of villages and of people reached by the first unit within it. */
  within: {
    minutes: number;
    villages: number;
    population: number;
    villageShare: number;
    populationShare: number;
  }[];
}

/**
 * The rapid-response circle (守点、巡线、控面): given the first-unit arrival time at each place, what share of
 * places and of people is reached within each number of minutes, per group and overall ("all").
 */
export function coverage(
  places: readonly CoveredPlace[],
  arrivalS: ArrayLike<number>,
  minutes: readonly number[],
): CoverageRow[] {
  const groups = new Map<string, number[]>();
  places.forEach((p, i) => {
    for (const key of ['all', p.groupKey]) groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)))
    .map(([key, idx]) => {
      const population = idx.reduce((s, i) => s + places[i]!.population, 0);
      return {
        key,
        villages: idx.length,
        population,
        within: minutes.map((m) => {
          const reached = idx.filter((i) => arrivalS[i]! <= m * 60);
          const people = reached.reduce((s, i) => s + places[i]!.population, 0);
          return {
            minutes: m,
            villages: reached.length,
            population: people,
            villageShare: idx.length ? reached.length / idx.length : 0,
            populationShare: population ? people / population : 0,
          };
        }),
      };
    });
}
