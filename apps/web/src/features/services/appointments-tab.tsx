import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import {
  type ServiceAppointment,
  type ServiceHall,
  servicesApi,
  servicesKeys,
} from '../../api/services-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { shanghaiDate, shanghaiHhmm } from './service-view.ts';

const COLORS: Record<string, string> = {
  booked: 'blue',
  'checked-in': 'green',
  completed: 'default',
  cancelled: 'default',
  'no-show': 'red',
};

/** 预约: a hall's bookings of the day; the desk checks a citizen in, which issues the ticket. */
export function AppointmentsTab(props: { halls: readonly ServiceHall[]; canWork: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [hallId, setHallId] = useState(props.halls[0]?.id);
  const [date, setDate] = useState(shanghaiDate(Date.now()));
  const filter = { hallId, date, pageSize: 200 };
  const list = useQuery({
    queryKey: servicesKeys.appointments(JSON.stringify(filter)),
    queryFn: () => servicesApi.appointments(filter),
    enabled: Boolean(hallId),
  });
  const checkIn = useMutation({
    mutationFn: (reference: string) => servicesApi.checkIn(reference),
    onSuccess: (a) => {
      message.success(t('svc.appt.checkedIn', { number: a.ticketNumber ?? '' }));
      void queryClient.invalidateQueries({ queryKey: servicesKeys.all });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  return (
    <div data-testid="svc-appointments">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 240 }}
          value={hallId}
          onChange={setHallId}
          options={props.halls.map((h) => ({ value: h.id, label: h.name }))}
        />
        <Input type="date" style={{ width: 170 }} value={date} onChange={(e) => setDate(e.target.value)} />
      </Space>
      <Table<ServiceAppointment>
        size="small"
        rowKey="id"
        loading={list.isPending && Boolean(hallId)}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('svc.appt.time'),
            width: 110,
            render: (_, r) => `${shanghaiHhmm(r.start)}–${shanghaiHhmm(r.end)}`,
          },
          { title: t('svc.appt.reference'), dataIndex: 'reference', width: 170 },
          { title: t('svc.case.item'), dataIndex: 'itemName' },
          { title: t('svc.case.applicant'), render: (_, r) => `${r.name} ${r.phone}` },
          {
            title: t('svc.case.status'),
            width: 110,
            render: (_, r) => (
              <Tag color={COLORS[r.status]}>{t(`svc.appt.status.${r.status}` as MessageKey)}</Tag>
            ),
          },
          { title: t('svc.ticket.number'), dataIndex: 'ticketNumber', width: 80 },
          {
            title: t('common.actions'),
            width: 100,
            render: (_, r) =>
              props.canWork && r.status === 'booked' ? (
                <Button
                  size="small"
                  loading={checkIn.isPending && checkIn.variables === r.reference}
                  onClick={() => checkIn.mutate(r.reference)}
                >
                  {t('svc.appt.checkIn')}
                </Button>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
