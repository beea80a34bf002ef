import { KeyOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { adminRoleKeys, type User } from '@ronghui/contracts';
import { fetchUsers, unlockUser } from '../../api/users-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { UserFormModal } from './user-form-modal.tsx';
import { useRoleOptions } from './use-roles.ts';
import { useScreen } from '../../app/use-screen.ts';

const isLocked = (user: User, now: number) => user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;

export function UsersPage() {
  const t = useT();
  // Below 992 px the search and the create button move from the card's header into its body.
  const { compact } = useScreen();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roles = useRoleOptions();
  const [query, setQuery] = useState({ q: '', page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<{ open: boolean; user?: User }>({ open: false });
  const [resetting, setResetting] = useState<User | null>(null);
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: () => fetchUsers(query),
    placeholderData: keepPreviousData,
  });
  const unlock = useMutation({
    mutationFn: (user: User) => unlockUser(user.id),
    onSuccess: () => {
      message.success(t('users.unlocked'));
      queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => message.error(describeError(error, t)),
  });

  const now = Date.now();
  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: 140 },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 170 },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (_, user) => (
        <Flex wrap gap={4}>
          {user.roles.map((role) => (
            <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
              {roles.labelOf(role)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('users.scope'), dataIndex: ['scope', 'orgName'], width: 150 },
    {
      title: t('users.status'),
      dataIndex: 'status',
      width: 170,
      render: (_, user) => (
        <Flex wrap gap={4}>
          <Tag color={user.status === 'active' ? 'green' : 'default'}>{t(`users.status.${user.status}`)}</Tag>
          {isLocked(user, now) && (
            <Tag color="red">{t('users.locked', { until: formatDateTime(user.lockedUntil) })}</Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 140,
      render: (value: string | null) => (value ? formatDateTime(value) : t('users.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 250,
      render: (_, user) => (
        <Space size={0} wrap>
          {user.roles.some((r) => adminRoleKeys.includes(r)) ? (
            <Tooltip title={t('users.adminOnServerHelp')}>
              <Typography.Text type="secondary">{t('users.adminOnServer')}</Typography.Text>
            </Tooltip>
          ) : (
            <>
              <Button type="link" size="small" onClick={() => setEditing({ open: true, user })}>
                {t('common.edit')}
              </Button>
              <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(user)}>
                {t('users.resetPassword')}
              </Button>
            </>
          )}
          {isLocked(user, now) && (
            <Popconfirm
              title={t('users.unlockConfirm', { name: user.displayName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => unlock.mutateAsync(user)}
            >
              <Button type="link" size="small" icon={<UnlockOutlined />}>
                {t('users.unlock')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const tools = (
    <Space wrap>
      <Input.Search
        allowClear
        placeholder={t('users.searchPlaceholder')}
        onSearch={(q) => setQuery((current) => ({ ...current, q: q.trim(), page: 1 }))}
        style={{ width: 260, maxWidth: '100%' }}
      />
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true })}>
        {t('users.create')}
      </Button>
    </Space>
  );
  return (
    <Card title={t('users.title')} extra={compact ? null : tools}>
      {compact && <div style={{ marginBottom: 12 }}>{tools}</div>}
      {users.error && (
        <div style={{ marginBottom: 16 }}>
          <LoadError error={users.error} onRetry={() => users.refetch()} />
        </div>
      )}
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data?.items ?? []}
        loading={users.isFetching}
        scroll={{ x: 1100 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (page, pageSize) => setQuery((current) => ({ ...current, page, pageSize })),
        }}
      />
      <UserFormModal
        open={editing.open}
        {...(editing.user ? { user: editing.user } : {})}
        onClose={() => setEditing({ open: false })}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
