import { priorityColors, unitStatusColors } from '../units/index.ts';
import type { ArLabel, RoadTrace } from './ar-labels.ts';

const colours: Record<string, string> = {
  ...unitStatusColors,
  ...Object.fromEntries(Object.entries(priorityColors).map(([k, v]) => [String(k), v])),
  place: '#531dab',
  village: '#08979c',
  township: '#08979c',
  station: '#0958d9',
  road: '#8c6d46',
};

/** Moves a label's text box sideways so that it stays inside the picture (its dot stays put). */
function boxShift(l: ArLabel, width: number): number {
  const half = (Math.max(l.text.length * 13, l.detail.length * 7) + 16) / 2;
  if (l.x - half < 4) return 4 - (l.x - half);
  if (l.x + half > width - 4) return width - 4 - (l.x + half);
  return 0;
}

/** Road traces (SVG) and labels (DOM) over the picture, at the pixels the projection gave. */
export function ArOverlay(props: {
  labels: readonly ArLabel[];
  roads: readonly RoadTrace[];
  width: number;
  height: number;
}) {
  const { labels, roads, width, height } = props;
  return (
    <div
      style={{ position: 'absolute', inset: 0, pointerEvents: 'none', overflow: 'hidden' }}
      data-testid="ar-overlay"
    >
      <svg width={width} height={height} style={{ position: 'absolute', inset: 0 }} aria-hidden>
        {roads.map((r, i) =>
          r.pieces.map((piece, j) => (
            <polyline
              // biome-ignore lint/suspicious/noArrayIndexKey: pieces have no identity of their own
              key={`${i}-${j}`}
              points={piece.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}
              fill="none"
              stroke="#ffd666"
              strokeOpacity={0.75}
              strokeWidth={2}
              strokeDasharray="6 4"
            />
          )),
        )}
      </svg>
      {labels.map((l) => (
        <div
          key={l.key}
          data-testid="ar-label"
          data-kind={l.kind}
          data-name={l.text}
          data-x={l.x.toFixed(1)}
          data-y={l.y.toFixed(1)}
          data-collapsed={l.collapsed ? 'true' : undefined}
          title={l.collapsed ? `${l.text} · ${l.detail}` : undefined}
          className={`ar-label ar-label-${l.kind}${l.collapsed ? ' ar-label-collapsed' : ''}`}
          style={{
            position: 'absolute',
            left: l.x,
            top: l.y,
            ['--ar-colour' as string]: colours[l.tone] ?? '#595959',
            ['--ar-shift' as string]: `${boxShift(l, width)}px`,
          }}
        >
          <span className="ar-label-dot" />
          <span className="ar-label-box">
            <b>{l.text}</b>
            <small>{l.detail}</small>
          </span>
        </div>
      ))}
    </div>
  );
}
