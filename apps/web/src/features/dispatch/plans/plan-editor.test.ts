import { describe, expect, it } from 'vitest';
import {
  clicksNeeded,
  type EditorEvent,
  type EditorState,
  editorReducer,
  geometryOf,
  idle,
  verticesOf,
} from './plan-editor.ts';

const run = (events: EditorEvent[], from: EditorState = idle) => events.reduce(editorReducer, from);

describe('patrol plan editor', () => {
  it('makes a guard point from one click', () => {
    const s = run([
      { type: 'draw', kind: 'guard-point' },
      { type: 'click', at: [118.2, 25.5] },
    ]);
    expect(s).toEqual({
      mode: 'shaped',
      id: null,
      kind: 'guard-point',
      vertices: [[118.2, 25.5]],
      dragging: null,
      moved: true,
    });
    expect(geometryOf('guard-point', s.mode === 'shaped' ? s.vertices : [])).toEqual({
      type: 'Point',
      coordinates: [118.2, 25.5],
    });
  });

  it('draws a patrol line until a double-click, dropping the double-click repeat', () => {
    const s = run([
      { type: 'draw', kind: 'patrol-line' },
      { type: 'click', at: [1, 1] },
      { type: 'click', at: [2, 2] },
      { type: 'click', at: [3, 1] },
      { type: 'click', at: [3, 1] },
      { type: 'finish' },
    ]);
    expect(s.mode === 'shaped' && s.vertices).toEqual([
      [1, 1],
      [2, 2],
      [3, 1],
    ]);
  });

  it('will not finish a line of one point or an area of two, and says how many clicks are missing', () => {
    const line = run([
      { type: 'draw', kind: 'patrol-line' },
      { type: 'click', at: [1, 1] },
      { type: 'finish' },
    ]);
    expect(line.mode).toBe('drawing');
    expect(clicksNeeded(line)).toBe(1);
    const area = run([
      { type: 'draw', kind: 'control-area' },
      { type: 'click', at: [1, 1] },
      { type: 'click', at: [2, 1] },
      { type: 'click', at: [2, 1] },
      { type: 'finish' },
    ]);
    expect(area.mode).toBe('drawing');
    expect(clicksNeeded(area)).toBe(1);
    const done = run([{ type: 'click', at: [2, 2] }, { type: 'finish' }], area);
    expect(done.mode).toBe('shaped');
    expect(geometryOf('control-area', done.mode === 'shaped' ? done.vertices : [])).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [1, 1],
          [2, 1],
          [2, 2],
          [1, 1],
        ],
      ],
    });
  });

  it('cancels drawing with Esc and ignores clicks when not drawing', () => {
    const s = run([
      { type: 'draw', kind: 'control-area' },
      { type: 'click', at: [1, 1] },
      { type: 'cancel' },
    ]);
    expect(s).toBe(idle);
    expect(run([{ type: 'click', at: [1, 1] }])).toBe(idle);
  });

  it('drags a vertex of a stored area, leaving the others and the closing vertex right', () => {
    const geometry = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ] as [number, number][],
      ],
    };
    const editing = editorReducer(idle, { type: 'edit', id: 'a', kind: 'control-area', geometry });
    expect(editing.mode === 'shaped' && editing.vertices).toHaveLength(3);
    expect(editing.mode === 'shaped' && editing.moved).toBe(false);
    const moved = run(
      [
        { type: 'move', at: [9, 9] },
        { type: 'grab', index: 2 },
        { type: 'move', at: [2, 2] },
        { type: 'move', at: [2, 3] },
        { type: 'drop' },
        { type: 'move', at: [7, 7] },
      ],
      editing,
    );
    expect(moved).toMatchObject({ mode: 'shaped', id: 'a', dragging: null, moved: true });
    expect(geometryOf('control-area', moved.mode === 'shaped' ? moved.vertices : [])).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [2, 3],
          [0, 0],
        ],
      ],
    });
    expect(editorReducer(moved, { type: 'grab', index: 5 })).toBe(moved);
    expect(editorReducer(moved, { type: 'saved' })).toBe(idle);
  });

  it('reads back the vertices it writes', () => {
    const line = [
      [1, 2],
      [3, 4],
    ] as const;
    expect(verticesOf(geometryOf('patrol-line', line))).toEqual(line);
    expect(
      verticesOf(
        geometryOf('control-area', [
          [0, 0],
          [1, 0],
          [1, 1],
        ]),
      ),
    ).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
  });
});
