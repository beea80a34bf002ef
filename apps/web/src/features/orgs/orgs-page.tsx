import { Card, Descriptions, Empty, Flex, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { OrgTree } from './org-tree.tsx';
import { useOrgTree } from './use-org-tree.ts';
import { useScreen } from '../../app/use-screen.ts';

export function OrgsPage() {
  const t = useT();
  const tree = useOrgTree();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const entry = selectedId ? tree.index.get(selectedId) : undefined;
  // Below 992 px the tree sits above the details, at a fixed height with its own scroll bar.
  const { compact } = useScreen();

  return (
    <Flex vertical={compact} gap={compact ? 12 : 16} align="stretch" style={{ flex: 1, minHeight: 0 }}>
      <Card
        title={t('org.treeTitle')}
        style={compact ? { height: 280, flex: 'none', overflow: 'auto' } : { width: 360, overflow: 'auto' }}
      >
        {tree.error && <LoadError error={tree.error} onRetry={() => tree.refetch()} />}
        {tree.isPending && <Skeleton active />}
        {tree.data && (
          <OrgTree root={tree.data} index={tree.index} selectedId={selectedId} onSelect={setSelectedId} />
        )}
      </Card>
      <Card title={entry ? entry.node.name : t('orgs.title')} style={{ flex: compact ? 'none' : 1 }}>
        {entry ? (
          <Descriptions column={1} bordered size="middle" data-testid="org-details">
            <Descriptions.Item label={t('org.name')}>{entry.node.name}</Descriptions.Item>
            <Descriptions.Item label={t('org.kind')}>
              <Tag color="blue">{t(`org.kind.${entry.node.kind}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('org.code')}>{entry.node.code}</Descriptions.Item>
            <Descriptions.Item label={t('org.parent')}>
              {entry.parent?.name ?? t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('org.children')}>
              {entry.node.children.length === 0
                ? t('common.none')
                : entry.node.children.map((child) => (
                    <Tag
                      key={child.id}
                      style={{ cursor: 'pointer', marginBottom: 4 }}
                      onClick={() => setSelectedId(child.id)}
                    >
                      {child.name}
                    </Tag>
                  ))}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty description={t(compact ? 'org.selectHintAbove' : 'org.selectHint')} />
        )}
      </Card>
    </Flex>
  );
}
