import { describe, expect, it } from 'vitest';
import { volunteerFigures } from './volunteer-figures.ts';

const base = { members: 4370, teams: 30, onDutyNow: 251, locationConsent: 2400, year: null };

describe('the big screen volunteer figures', () => {
  it('shows members, on duty and teams from the stats answer as it is today', () => {
    expect(volunteerFigures(base)).toEqual([
      { key: 'members', value: 4370 },
      { key: 'onDutyNow', value: 251 },
      { key: 'teams', value: 30 },
    ]);
  });

  it('adds the activity counts once the answer has them, zero included, and nothing not a number', () => {
    expect(
      volunteerFigures({ ...base, patrols: 812, mediations: 0, rescues: 14, arrestAssists: '3' }).map(
        (f) => f.key,
      ),
    ).toEqual(['members', 'onDutyNow', 'teams', 'patrols', 'mediations', 'rescues']);
    expect(volunteerFigures(undefined)).toEqual([]);
  });
});
