import { describe, expect, it } from 'vitest';
import { isFieldUser, landingPath, tabsFor } from './tabs.ts';

const keys = (roles: Parameters<typeof tabsFor>[0]) => tabsFor(roles).map((tab) => tab.key);

describe('phone app tabs', () => {
  it('gives officers and auxiliaries orders, units, anti-fraud and visits, messages and profile', () => {
    expect(keys(['officer'])).toEqual(['orders', 'units', 'outreach', 'messages', 'me']);
    expect(keys(['auxiliary'])).toEqual(['orders', 'units', 'outreach', 'messages', 'me']);
  });

  it('gives grid workers their grid, hazards and collection, and volunteers their patrols and duty, with messages and profile', () => {
    expect(keys(['grid-worker'])).toEqual(['grid', 'hazards', 'collect', 'messages', 'me']);
    expect(keys(['volunteer'])).toEqual(['callouts', 'patrol', 'duty', 'messages', 'me']);
  });

  it('joins the rows of several roles in bar order, and gives anyone else the common tabs', () => {
    expect(keys(['volunteer', 'officer'])).toEqual([
      'orders',
      'units',
      'callouts',
      'patrol',
      'duty',
      'outreach',
      'messages',
      'me',
    ]);
    expect(keys(['commander'])).toEqual(['messages', 'me']);
    expect(tabsFor(['officer']).map((tab) => tab.path)).toEqual([
      '/m/orders',
      '/m/units',
      '/m/outreach',
      '/m/messages',
      '/m/me',
    ]);
  });
});

describe('landing after sign-in', () => {
  it('sends field users on a phone to the phone app', () => {
    for (const role of ['officer', 'auxiliary', 'grid-worker', 'volunteer'] as const)
      expect(landingPath([role], 390, '/')).toBe('/m/');
  });

  it('keeps the console on wide screens, for console roles and for a page asked for', () => {
    expect(landingPath(['officer'], 1366, '/')).toBe('/');
    expect(landingPath(['commander'], 390, '/')).toBe('/');
    expect(landingPath(['officer', 'dispatcher'], 390, '/')).toBe('/');
    expect(landingPath(['officer'], 390, '/dispatch')).toBe('/dispatch');
    expect(isFieldUser([])).toBe(false);
  });
});
