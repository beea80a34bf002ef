import { TeamOutlined } from '@ant-design/icons';
import type { MessageGroup } from '@ronghui/contracts';
import { Button } from 'antd';
import { describeError } from '../api/describe-error.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { UseQueryResult } from '@tanstack/react-query';

/** How many members a card names before "…": the count says the rest. */
const namedMembers = 6;

/** 临时群组 the user is in (or whose units are their station's): each one tap from a message to it. */
export function MessageGroups({
  groups,
  onWrite,
}: {
  groups: UseQueryResult<{ items: MessageGroup[] }>;
  onWrite: (groupId: string) => void;
}) {
  const t = useT();
  return (
    <div data-testid="mobile-groups">
      <h2 className="m-section-title">{t('mobile.groups.title')}</h2>
      {groups.error && (
        <div className="m-empty">{t('mobile.loadFailed', { reason: describeError(groups.error, t) })}</div>
      )}
      {groups.data?.items.length === 0 && <div className="m-empty">{t('mobile.groups.empty')}</div>}
      {groups.data?.items.map((g) => {
        const names = g.members.slice(0, namedMembers).map((m) => m.name);
        return (
          <div key={g.id} className="m-card" data-testid="mobile-group">
            <div className="m-card-row">
              <span className="m-card-title">
                <TeamOutlined style={{ marginInlineEnd: 6 }} />
                {g.name}
              </span>
            </div>
            <div className="m-card-sub">
              {t('mobile.groups.members', {
                n: g.members.length,
                names: names.join('、') + (g.members.length > names.length ? '…' : ''),
              })}
            </div>
            <div className="m-card-sub">
              {t('mobile.groups.createdBy', { name: g.createdBy, time: formatDateTime(g.createdAt) })}
            </div>
            <Button block className="m-button" style={{ marginTop: 10 }} onClick={() => onWrite(g.id)}>
              {t('mobile.groups.write')}
            </Button>
          </div>
        );
      })}
    </div>
  );
}
