import type { OrgTreeNode } from '@ronghui/contracts';
import { DatePicker, Segmented, Select, Space, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { shanghaiWallTimeToIso } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { useOrgTree } from '../orgs/index.ts';
import type { IntelFilters } from './intel-api.ts';

export interface WorkbenchFilters extends IntelFilters {
  method: 'kde' | 'gistar';
}

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}
const toOption = (node: OrgTreeNode): TreeOption => ({
  value: node.id,
  title: node.name,
  children: node.kind === 'station' ? [] : node.children.map(toOption),
});

const day = (d: Dayjs | null | undefined) =>
  d ? shanghaiWallTimeToIso(d.format('YYYY-MM-DDT00:00:00')) : undefined;

/** Period, area (area / station / grid), category and hotspot method of the workbench. */
export function IntelFiltersBar({
  value,
  onChange,
}: {
  value: WorkbenchFilters;
  onChange: (f: WorkbenchFilters) => void;
}) {
  const t = useT();
  const tree = useOrgTree();
  const treeData = useMemo(() => (tree.data ? tree.data.children.map(toOption) : []), [tree.data]);
  return (
    <Space wrap data-testid="intel-filters">
      <DatePicker.RangePicker
        aria-label={t('intel.filter.period')}
        onChange={(range) =>
          onChange({ ...value, from: day(range?.[0]), to: day(range?.[1]?.add(1, 'day')) })
        }
      />
      <TreeSelect
        style={{ width: 220 }}
        allowClear
        showSearch
        treeNodeFilterProp="title"
        placeholder={t('intel.filter.area')}
        treeData={treeData}
        value={value.area}
        onChange={(area?: string) => onChange({ ...value, area })}
      />
      <Select
        style={{ width: 160 }}
        allowClear
        placeholder={t('intel.filter.allCategories')}
        value={value.category}
        onChange={(category?: string) => onChange({ ...value, category })}
        options={[
          { value: '050101', label: t('intel.category.050101') },
          { value: '050105', label: t('intel.category.050105') },
        ]}
      />
      <Segmented
        value={value.method}
        onChange={(method) => onChange({ ...value, method: method as WorkbenchFilters['method'] })}
        options={[
          { value: 'kde', label: t('intel.method.kde') },
          { value: 'gistar', label: t('intel.method.gistar') },
        ]}
      />
    </Space>
  );
}
