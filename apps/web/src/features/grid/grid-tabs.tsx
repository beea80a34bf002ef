import { Segmented } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/i18n-context.tsx';

/** The two views of grid governance: the map with its rosters, and the statistics. */
export function GridTabs({ active }: { active: 'map' | 'stats' }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Segmented
      data-testid="grid-tabs"
      value={active}
      onChange={(v) => navigate(v === 'stats' ? '/grid/stats' : '/grid')}
      options={[
        { value: 'map', label: t('gridStats.tab.map') },
        { value: 'stats', label: t('gridStats.tab.stats') },
      ]}
    />
  );
}
