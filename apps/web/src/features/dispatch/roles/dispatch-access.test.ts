import { describe, expect, it } from 'vitest';
import { dispatchAccess } from './dispatch-access.ts';

describe('dispatch console access', () => {
  it('gives command rooms the command view with planning', () => {
    expect(dispatchAccess(['dispatcher'])).toEqual({
      view: 'command',
      readOnly: false,
      canPlan: true,
      seesPlans: true,
    });
    expect(dispatchAccess(['commander', 'leader'])).toMatchObject({ view: 'command', readOnly: false });
  });

  it('gives stations their own view without planning', () => {
    expect(dispatchAccess(['officer'])).toEqual({
      view: 'station',
      readOnly: false,
      canPlan: false,
      seesPlans: true,
    });
    expect(dispatchAccess(['auxiliary'])).toMatchObject({
      view: 'station',
      canPlan: false,
      seesPlans: false,
    });
  });

  it('lets leadership watch the command picture read-only', () => {
    expect(dispatchAccess(['leader'])).toEqual({
      view: 'watch',
      readOnly: true,
      canPlan: false,
      seesPlans: true,
    });
    expect(dispatchAccess([])).toMatchObject({ readOnly: true });
  });
});
