import { describe, expect, it } from 'vitest';
import { buildCrimeContext } from './crime-context.ts';
import { prepareImport } from './crime-import.ts';

const context = buildCrimeContext(
  [118.24, 25.49],
  [{ code: 'v1', name: '城东村', lon: 118.25, lat: 25.49, station_id: 'station-1', grid_id: 'grid-1' }],
  (station) => (station === 'station-1' ? 'area-center' : null),
);
const header = 'id,occurred_from,occurred_to,lon,lat,x_m,y_m,category,premise,method,features,series_id';

describe('prepareImport', () => {
  it('keeps good rows with their station, area and grid, and reports bad rows by line', () => {
    const out = prepareImport(
      [
        header,
        'A1,2026-11-01T02:00,2026-11-01T03:00,118.251,25.491,,,050101,0101,0101,0101;0301,S1',
        'A2,2026-11-01T02:00,,119.9,26.9,,,050101,0101,0101,,',
        '',
        'A 3,2026-11-01T02:00,,118.251,25.491,,,050101,0101,0101,,',
        'A4,2026-11-01T02:00,,118.251,25.491,,,51,0101,0101,,',
      ].join('\n'),
      context,
    );
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0]).toMatchObject({
      line: 2,
      crime: {
        id: 'A1',
        station_id: 'station-1',
        area_id: 'area-center',
        grid_id: 'grid-1',
        series_id: 'S1',
      },
    });
    expect(out.rows[0]?.crime.features).toEqual(['0101', '0301']);
    expect(out.errors.map((e) => e.line)).toEqual([3, 5, 6]);
    expect(out.errors[0]?.message).toContain('outside the county');
    expect(out.errors[1]?.message).toContain('id "A 3"');
    expect(out.errors[2]?.message).toContain('6-digit');
  });

  it('refuses a header that lacks columns, naming them', () => {
    expect(prepareImport('id,lon,lat\nx,1,2', context).headerError).toContain('occurred_from');
  });
});
