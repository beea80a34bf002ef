import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n-context.tsx';
import { CondolencesTab } from './condolences-tab.tsx';
import { HealthTab } from './health-tab.tsx';
import { RemindersTab } from './reminders-tab.tsx';
import { SchoolingTab } from './schooling-tab.tsx';
import { StaffTab } from './staff-tab.tsx';
import { StatsTab } from './stats-tab.tsx';

/**
 * 爱警暖警: staff records with health data hidden until revealed with a reason, condolence visits under the three
 * mechanisms, health-check campaigns, schooling cases for officers' children, reminders and the year's figures.
 * The server lets only the staff office and leadership in; the page is reached from their menu.
 */
export function WelfarePage() {
  const t = useT();
  const [tab, setTab] = useState('staff');
  return (
    <div data-testid="welfare-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('wf.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'staff', label: t('wf.tab.staff'), children: <StaffTab /> },
          { key: 'condolences', label: t('wf.tab.condolences'), children: <CondolencesTab /> },
          { key: 'health', label: t('wf.tab.health'), children: <HealthTab /> },
          { key: 'schooling', label: t('wf.tab.schooling'), children: <SchoolingTab /> },
          { key: 'reminders', label: t('wf.tab.reminders'), children: <RemindersTab /> },
          { key: 'stats', label: t('wf.tab.stats'), children: <StatsTab /> },
        ]}
      />
    </div>
  );
}
