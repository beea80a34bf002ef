import {
  ApartmentOutlined,
  BankOutlined,
  BorderOutlined,
  EnvironmentOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Tree, type TreeDataNode } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { OrgKind, OrgTreeNode } from '@ronghui/contracts';
import { ancestorIds, expandedToDepth, type OrgIndexEntry } from './org-index.ts';

const kindIcons: Record<OrgKind, ReactNode> = {
  tenant: <BankOutlined />,
  area: <ApartmentOutlined />,
  station: <EnvironmentOutlined />,
  brigade: <TeamOutlined />,
  grid: <BorderOutlined />,
};

function toTreeData(node: OrgTreeNode): TreeDataNode {
  return {
    key: node.id,
    title: node.name,
    icon: kindIcons[node.kind],
    children: node.children.map(toTreeData),
  };
}

interface OrgTreeProps {
  root: OrgTreeNode;
  index: Map<string, OrgIndexEntry>;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  height?: number;
}

/** The organisation tree; selecting elsewhere (e.g. on the map) opens the branch down to the node. */
export function OrgTree({ root, index, selectedId, onSelect, height }: OrgTreeProps) {
  const treeData = useMemo(() => [toTreeData(root)], [root]);
  const [expanded, setExpanded] = useState<string[]>(() => expandedToDepth(root, 1));

  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!selectedId) return;
    const path = ancestorIds(index, selectedId);
    setExpanded((open) => (path.every((id) => open.includes(id)) ? open : [...new Set([...open, ...path])]));
    // A node chosen on the map (or the user's own scope) may sit below the fold: bring it into view.
    const frame = requestAnimationFrame(() =>
      container.current?.querySelector('.ant-tree-treenode-selected')?.scrollIntoView({ block: 'nearest' }),
    );
    return () => cancelAnimationFrame(frame);
  }, [selectedId, index]);

  return (
    <div ref={container}>
      <Tree
        showIcon
        blockNode
        treeData={treeData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(keys) => onSelect(keys[0] === undefined ? null : String(keys[0]))}
        {...(height === undefined ? {} : { height })}
        data-testid="org-tree"
      />
    </div>
  );
}
