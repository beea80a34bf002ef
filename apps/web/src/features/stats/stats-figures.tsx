import { Tag } from 'antd';
import { changeView, toneColor } from './stats-view.ts';

/** 比降 as an arrow and a percentage: a fall green, a rise red, a dash without last year. */
export function ChangeTag({ change, testId }: { change: number | null; testId?: string }) {
  const v = changeView(change);
  if (!v) return <span data-testid={testId}>—</span>;
  return (
    <Tag
      color={toneColor[v.tone]}
      data-testid={testId}
      data-change={change ?? ''}
      style={{ fontSize: 'inherit' }}
    >
      {v.arrow} {v.text}
    </Tag>
  );
}
