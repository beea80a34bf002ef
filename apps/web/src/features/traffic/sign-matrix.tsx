import type { SignModel } from '@ronghui/contracts';
import { useEffect, useRef } from 'react';
import { localIdeographFontFamily } from '../../map/map-resources.ts';
import { dotPitch, matrixSize, placeChars, sampleDots } from './traffic-view.ts';

/** The text is drawn this many times larger than the matrix, then each block decides one LED. */
const SCALE = 4;

/**
 * A sign as drivers see it: the laid-out lines on its LED matrix (lines × charsPerLine cells of dots × dots),
 * lit dots amber (red for urgent warnings) on black. The text is drawn with the CJK font into an offscreen
 * canvas and sampled into dots, so a line too long or a missing glyph shows as it would on the road.
 */
export function SignMatrix(props: {
  model: SignModel;
  lines: readonly string[];
  color?: 'amber' | 'red';
  maxWidth?: number;
  testId?: string;
}) {
  const { model, lines, color = 'amber', maxWidth = 360, testId } = props;
  const ref = useRef<HTMLCanvasElement | null>(null);
  const pitch = dotPitch(model, maxWidth);
  const size = matrixSize(model);
  const key = lines.join('\n');
  // The model arrives as a new object on every refetch: the effect follows its numbers, not its identity.
  const { lines: rowsOfText, charsPerLine, dots } = model;

  useEffect(() => {
    const model = { lines: rowsOfText, charsPerLine, dots };
    const size = matrixSize(model);
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ink = document.createElement('canvas');
    ink.width = size.cols * SCALE;
    ink.height = size.rows * SCALE;
    const pen = ink.getContext('2d', { willReadFrequently: true });
    if (!pen) return;
    pen.fillStyle = '#ffffff';
    pen.textAlign = 'center';
    pen.textBaseline = 'middle';
    pen.font = `bold ${Math.round(model.dots * SCALE * 0.94)}px ${localIdeographFontFamily}`;
    for (const c of placeChars(model, key === '' ? [] : key.split('\n')))
      pen.fillText(c.ch, (c.x + c.width / 2) * SCALE, (c.y + c.height / 2) * SCALE + SCALE, c.width * SCALE);
    const lit = sampleDots(pen.getImageData(0, 0, ink.width, ink.height).data, size, SCALE);

    ctx.fillStyle = '#000000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const on = color === 'red' ? '#ff3b30' : '#ffc21a';
    const off = '#1d1606';
    const radius = Math.max(0.8, pitch * 0.45);
    for (const state of [0, 1]) {
      ctx.fillStyle = state ? on : off;
      ctx.beginPath();
      for (let r = 0; r < size.rows; r += 1)
        for (let c = 0; c < size.cols; c += 1) {
          if (lit[r * size.cols + c] !== state) continue;
          const x = (c + 0.5) * pitch;
          const y = (r + 0.5) * pitch;
          ctx.moveTo(x + radius, y);
          ctx.arc(x, y, radius, 0, Math.PI * 2);
        }
      ctx.fill();
    }
    canvas.dataset.lit = String(lit.reduce((n, v) => n + v, 0));
  }, [rowsOfText, charsPerLine, dots, key, color, pitch]);

  return (
    <canvas
      ref={ref}
      data-testid={testId}
      data-text={key}
      width={size.cols * pitch}
      height={size.rows * pitch}
      style={{ display: 'block', background: '#000', borderRadius: 4, border: '4px solid #222' }}
    />
  );
}
