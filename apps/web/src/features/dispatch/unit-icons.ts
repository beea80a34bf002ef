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

export const priorityColors: Record<1 | 2 | 3, string> = { 1: '#cf1322', 2: '#fa8c16', 3: '#1677ff' };

const size = 40;

/** A disc with an arrow pointing north, drawn on a canvas: the map rotates it by the unit's heading. */
function drawArrow(color: string): ImageData | null {
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

/** Registers `unit-<status>` images on the map (once per map). */
export function addUnitIcons(map: MapLibreMap): void {
  for (const [status, color] of Object.entries(unitStatusColors)) {
    const id = `unit-${status}`;
    if (map.hasImage(id)) continue;
    const image = drawArrow(color);
    if (image) map.addImage(id, image, { pixelRatio: 2 });
  }
}
