import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { OrgTreeNode } from '@ronghui/contracts';
import { useT } from '../../i18n/i18n-context.tsx';
import { useOrgTree } from '../orgs/index.ts';

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

const toOption = (node: OrgTreeNode): TreeOption => ({
  value: node.id,
  title: node.name,
  children: node.children.map(toOption),
});

/** Picks the org a user's data scope is limited to (the county, an area, a station or a grid). */
interface OrgTreeSelectProps {
  /** Set by Form.Item so that its label points at this control. */
  id?: string;
  value?: string;
  onChange?: (id: string) => void;
}

export function OrgTreeSelect({ id, value, onChange }: OrgTreeSelectProps) {
  const t = useT();
  const tree = useOrgTree();
  const treeData = useMemo(() => (tree.data ? [toOption(tree.data)] : []), [tree.data]);
  return (
    <TreeSelect
      {...(id === undefined ? {} : { id })}
      value={value}
      onChange={onChange}
      treeData={treeData}
      loading={tree.isPending}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandedKeys={tree.data ? [tree.data.id] : []}
      placeholder={t('users.scope')}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      status={tree.error ? 'error' : ''}
    />
  );
}
