import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { describeError } from '../../api/describe-error.ts';
import type { User } from '@ronghui/contracts';
import { resetPassword } from '../../api/users-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { applyFieldErrors } from '../../api/apply-field-errors.ts';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const reset = useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) => resetPassword(id, password),
    onSuccess: () => {
      message.success(t('users.passwordReset'));
      onClose();
    },
    onError: (error) => {
      if (!applyFieldErrors(form, ['password'], error)) message.error(describeError(error, t));
    },
  });

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetPasswordFor', { name: user.displayName }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ password }) => user && reset.mutate({ id: user.id, password })}
      >
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={[{ required: true, message: t('users.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
