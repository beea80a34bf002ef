import type { UnitStatus } from '@ronghui/dispatch';
import type { Map as MapLibreMap } from 'maplibre-gl';

/** One colour per unit state, used on the map, in the legend and on the status board. */
export const unitStatusColors: Record<UnitStatus, string> = {
  available: '#389e0d',
  'en-route': '#d4380d',
  'on-scene': '#c41d7f',
  returning: '#1677ff',
  committed: '#fa8c16',
  staging: '#13c2c2',
  delayed: '#faad14',
  'out-of-service': '#8c8c8c',
  'off-duty': '#bfbfbf',
};

export const priorityColors: Record<1 | 2 | 3, string> = { 1: '#cf1322', 2: '#fa8c16', 3: '#2f54eb' };

const size = 40;

/** A disc with an arrow pointing north, drawn on a canvas: the map rotates it by the unit's heading. */
export function drawArrow(color: string): ImageData | null {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const c = size / 2;
  ctx.beginPath();
  ctx.arc(c, c + 3, 11, 0, Math.PI * 2);
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(c, 1);
  ctx.lineTo(c + 8, 12);
  ctx.lineTo(c - 8, 12);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(c, c + 3, 4, 0, Math.PI * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  return ctx.getImageData(0, 0, size, size);
}

/** A warning diamond with an exclamation mark: incidents never look like units. */
function drawIncident(color: string): ImageData | null {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const c = size / 2;
  ctx.beginPath();
  ctx.moveTo(c, 2);
  ctx.lineTo(size - 2, c);
  ctx.lineTo(c, size - 2);
  ctx.lineTo(2, c);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(c - 2.5, 10, 5, 13);
  ctx.fillRect(c - 2.5, 26, 5, 5);
  return ctx.getImageData(0, 0, size, size);
}

/** Registers `unit-<status>` and `incident-<priority>` images on the map (once per map). */
export function addUnitIcons(map: MapLibreMap): void {
  const images: [string, () => ImageData | null][] = [
    ...Object.entries(unitStatusColors).map(([status, color]): [string, () => ImageData | null] => [
      `unit-${status}`,
      () => drawArrow(color),
    ]),
    ...Object.entries(priorityColors).map(([priority, color]): [string, () => ImageData | null] => [
      `incident-${priority}`,
      () => drawIncident(color),
    ]),
  ];
  for (const [id, draw] of images) {
    if (map.hasImage(id)) continue;
    const image = draw();
    if (image) map.addImage(id, image, { pixelRatio: 2 });
  }
}
