import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { describeError } from '../../api/describe-error.ts';
import type { RoleKey, User, UserStatus } from '@ronghui/contracts';
import { createUser, updateUser } from '../../api/users-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { applyFieldErrors } from '../../api/apply-field-errors.ts';
import { OrgTreeSelect } from './org-tree-select.tsx';
import { useRoleOptions } from './use-roles.ts';

interface UserFormValues {
  username: string;
  displayName: string;
  password: string;
  roles: RoleKey[];
  orgId: string;
  status: UserStatus;
}

const fieldNames = ['username', 'displayName', 'password', 'roles', 'orgId', 'status'];

/** Creates a user (`user` undefined) or edits one: name, roles, data scope and status. */
export function UserFormModal({ open, user, onClose }: { open: boolean; user?: User; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const roles = useRoleOptions();
  const queryClient = useQueryClient();
  const editing = user !== undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        displayName: user.displayName,
        roles: user.roles,
        orgId: user.scope.orgId,
        status: user.status,
      });
    }
  }, [open, user, form]);

  const save = useMutation({
    mutationFn: (values: UserFormValues) =>
      user
        ? updateUser(user.id, {
            displayName: values.displayName.trim(),
            roles: values.roles,
            orgId: values.orgId,
            status: values.status,
          })
        : createUser({
            username: values.username.trim(),
            displayName: values.displayName.trim(),
            password: values.password,
            roles: values.roles,
            orgId: values.orgId,
          }),
    onSuccess: () => {
      message.success(t(editing ? 'users.saved' : 'users.created'));
      queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (error) => {
      if (!applyFieldErrors(form, fieldNames, error)) message.error(describeError(error, t));
    },
  });

  return (
    <Modal
      open={open}
      title={editing ? `${t('users.edit')} · ${user.username}` : t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<UserFormValues> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        {!editing && (
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[{ required: true, whitespace: true, message: t('users.usernameRequired') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.password')}
            rules={[{ required: true, message: t('users.passwordRequired') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
          {...(roles.error ? { validateStatus: 'error' as const, help: t('users.rolesLoadFailed') } : {})}
        >
          <Select
            mode="multiple"
            options={roles.assignable}
            loading={roles.isPending}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('users.scope')}
          rules={[{ required: true, message: t('users.scopeRequired') }]}
        >
          <OrgTreeSelect />
        </Form.Item>
        {editing && (
          <Form.Item name="status" label={t('users.status')}>
            <Radio.Group
              options={[
                { value: 'active', label: t('users.status.active') },
                { value: 'disabled', label: t('users.status.disabled') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
