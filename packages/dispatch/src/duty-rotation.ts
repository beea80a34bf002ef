/** A repeating duty pattern: on for `onHours`, off for `offHours`, from `anchor` (epoch ms). */
export interface DutyRotation {
  anchor: number;
  onHours: number;
  offHours: number;
}

const HOUR = 3_600_000;

export function isOnDuty(rotation: DutyRotation, at: number): boolean {
  // No off time: crewed around the clock, before and after the anchor alike.
  if (rotation.offHours === 0) return true;
  const cycle = (rotation.onHours + rotation.offHours) * HOUR;
  const into = (((at - rotation.anchor) % cycle) + cycle) % cycle;
  return into < rotation.onHours * HOUR;
}

/** The next change of duty state after `at` (start or end of a shift), for timers and rosters. */
export function nextDutyChange(rotation: DutyRotation, at: number): number | undefined {
  if (rotation.offHours === 0) return undefined;
  const cycle = (rotation.onHours + rotation.offHours) * HOUR;
  const into = (((at - rotation.anchor) % cycle) + cycle) % cycle;
  return into < rotation.onHours * HOUR ? at + (rotation.onHours * HOUR - into) : at + (cycle - into);
}
