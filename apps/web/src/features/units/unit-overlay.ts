import type { Unit } from '@ronghui/contracts';
import type { UnitStatus } from '@ronghui/dispatch';
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap, PointLike } from 'maplibre-gl';
import {
  clusterRadius,
  hitLayout,
  layoutUnits,
  type ScreenUnit,
  type UnitLayout,
} from './unit-overlay-layout.ts';
import { unitFeatures } from '../../map/map-features.ts';
import { drawArrow, unitStatusColors } from './unit-icons.ts';

/** Clustered below this zoom, like the map's clustered sources (`clusterMaxZoom` 10). */
const clusterBelowZoom = 11;
const clusterCell = 40;
/** The arrow images are drawn at twice their size on the map (pixel ratio 2), then scaled like the symbol layer. */
const iconScale = 1.2 / 2;
const selectedScale = 1.6 / 2;
/** The style's callsign layer: its source is empty now that units are drawn here, its settings still apply. */
const labelLayer = 'unit-label';
const labelFont = '11px "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/**
 * The units of the command map, drawn on a 2D canvas above the map's WebGL canvas: a position update redraws
 * this canvas only (a few milliseconds) instead of re-tiling a GeoJSON source and repainting the whole map,
 * which without a GPU costs a hundred milliseconds or more per update. Each unit is its status colour's arrow
 * turned to its heading; below zoom 11 nearby units merge into cluster discs. The canvas follows the map on
 * every render (pan, zoom, pitch, terrain) and answers hit tests for clicks and tooltips.
 */
export class UnitOverlay {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly sprites = new Map<string, HTMLCanvasElement>();
  private data: FeatureCollection = { type: 'FeatureCollection', features: [] };
  private layout: UnitLayout = { singles: [], clusters: [] };
  private visible = true;
  private units: readonly Unit[] | null = null;
  private selectedId: string | null = null;
  private frame = 0;
  /** Redraws caused by new data (not by the map moving): `data-units-drawn` on the map's element. */
  draws = 0;

  constructor(private readonly map: MapLibreMap) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'ronghui-unit-overlay';
    Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none' });
    map.getCanvasContainer().appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d');
    map.on('render', this.draw);
    map.on('resize', this.draw);
  }

  /**
   * The page's unit features: who is selected, and the positions unless a live feed gives newer ones
   * (a page may hand over its features less often than units move).
   */
  setData(data: FeatureCollection): void {
    const selected = data.features.find((f) => f.properties?.selected === true);
    this.selectedId = typeof selected?.properties?.id === 'string' ? selected.properties.id : null;
    this.data = this.units ? unitFeatures(this.units, this.selectedId) : data;
    this.schedule();
  }

  /** Units straight from the live channel, once per burst of fixes. */
  setUnits(units: readonly Unit[]): void {
    this.units = units;
    this.data = unitFeatures(units, this.selectedId);
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draws++;
      this.draw();
      // The map's element says what it shows (the map's own `idle` does not fire when only units move).
      const element = this.map.getContainer();
      element.dataset.units = String(this.count());
      element.dataset.unitsDrawn = String(this.draws);
    });
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.draw();
  }

  /** Units with a position (what the map shows when the layer is on). */
  count(): number {
    return this.data.features.length;
  }

  hit(point: PointLike): { properties: Record<string, unknown> } | null {
    if (!this.visible) return null;
    const [x, y] = Array.isArray(point) ? point : [point.x, point.y];
    return hitLayout(this.layout, x, y, 12);
  }

  remove(): void {
    cancelAnimationFrame(this.frame);
    this.map.off('render', this.draw);
    this.map.off('resize', this.draw);
    this.canvas.remove();
  }

  private readonly draw = () => {
    const { ctx, canvas, map } = this;
    if (!ctx) return;
    const gl = map.getCanvas();
    const width = gl.clientWidth;
    const height = gl.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (!this.visible) {
      this.layout = { singles: [], clusters: [] };
      return;
    }
    const screen: ScreenUnit[] = [];
    for (const f of this.data.features) {
      if (f.geometry.type !== 'Point') continue;
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const p = map.project([lon, lat]);
      screen.push({ x: p.x, y: p.y, properties: f.properties ?? {} });
    }
    this.layout = layoutUnits(screen, {
      cluster: map.getZoom() < clusterBelowZoom,
      radius: clusterCell,
      width,
      height,
    });
    for (const c of this.layout.clusters) {
      ctx.beginPath();
      ctx.arc(c.x, c.y, clusterRadius(c.count), 0, Math.PI * 2);
      ctx.fillStyle = 'rgba(56, 158, 13, 0.5)';
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    }
    const bearing = map.getBearing();
    const selected = this.layout.singles.filter((u) => u.properties.selected === true);
    for (const u of [...this.layout.singles.filter((s) => s.properties.selected !== true), ...selected]) {
      const sprite = this.sprite(String(u.properties.status));
      if (!sprite) continue;
      const angle = ((Number(u.properties.heading ?? 0) - bearing) * Math.PI) / 180;
      const scale = u.properties.selected === true ? selectedScale : iconScale;
      const cos = Math.cos(angle) * scale * ratio;
      const sin = Math.sin(angle) * scale * ratio;
      ctx.setTransform(cos, sin, -sin, cos, u.x * ratio, u.y * ratio);
      ctx.drawImage(sprite, -sprite.width / 2, -sprite.height / 2);
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (this.labelsShown()) {
      // Callsigns beside the arrows, as the map's `unit-label` layer would set them.
      ctx.font = labelFont;
      ctx.textBaseline = 'middle';
      ctx.lineJoin = 'round';
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#ffffff';
      ctx.fillStyle = '#135200';
      // Like `text-optional` on the map: a callsign that would overlap one already set is left out.
      const placed: [number, number, number, number][] = [];
      for (const u of this.layout.singles) {
        const text = String(u.properties.callsign ?? '');
        const box: [number, number, number, number] = [
          u.x + 12,
          u.y - 7,
          u.x + 12 + ctx.measureText(text).width,
          u.y + 7,
        ];
        if (placed.some((p) => box[0] < p[2] && box[2] > p[0] && box[1] < p[3] && box[3] > p[1])) continue;
        placed.push(box);
        ctx.strokeText(text, box[0], u.y);
        ctx.fillText(text, box[0], u.y);
      }
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  };

  /** The map's callsign layer, when the style has one, decides whether and from which zoom callsigns show. */
  private labelsShown(): boolean {
    const layer = this.map.getLayer(labelLayer) as { minzoom?: number } | undefined;
    if (!layer || this.map.getLayoutProperty(labelLayer, 'visibility') === 'none') return false;
    return this.map.getZoom() >= (layer.minzoom ?? 12);
  }

  private sprite(status: string): HTMLCanvasElement | null {
    let sprite = this.sprites.get(status);
    if (sprite) return sprite;
    const color = unitStatusColors[status as UnitStatus] ?? unitStatusColors['out-of-service'];
    const image = drawArrow(color);
    if (!image) return null;
    sprite = document.createElement('canvas');
    sprite.width = image.width;
    sprite.height = image.height;
    sprite.getContext('2d')?.putImageData(image, 0, 0);
    this.sprites.set(status, sprite);
    return sprite;
  }
}
