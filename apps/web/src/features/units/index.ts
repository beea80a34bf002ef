// What the units feature offers the other features: live units, the status board, the map's unit overlay
// and icons, and the colours of unit states and incident priorities.
export { UnitBoard } from './unit-board.tsx';
export { addUnitIcons, priorityColors, unitStatusColors } from './unit-icons.ts';
export { UnitOverlay } from './unit-overlay.ts';
export { useLiveUnits } from './use-live-units.ts';
