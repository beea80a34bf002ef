import { AlertOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import { useState } from 'react';
import { fieldUrls } from '../api/field-api.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { useOutbox } from '../offline/index.ts';
import type { MobileContext } from './mobile-context.ts';
import { useMyUnit } from './use-my-unit.ts';

/**
 * 紧急求助, one tap from every page: the unit's emergency goes to the command room with the phone's latest
 * position (the existing emergency flow), through the outbox so that it leaves the moment there is network.
 * A second, large button confirms, so a pocket does not raise it.
 */
export function SosButton({ context }: { context: MobileContext }) {
  const t = useT();
  const unit = useMyUnit(context).data?.unit ?? null;
  const queue = useOutbox(context.outbox);
  const [open, setOpen] = useState(false);
  if (!unit) return null;
  const url = fieldUrls.emergency(unit.id);
  const waiting = queue.pending.some((e) => e.url === url);
  const raise = () => {
    const here = context.tracker.here;
    void context.outbox.enqueue({
      method: 'POST',
      url,
      body: here ? { lon: here.lon, lat: here.lat } : {},
      label: t('mobile.sos.label', { unit: unit.callsign }),
    });
    setOpen(false);
  };
  return (
    <>
      <Button
        danger
        type="primary"
        shape="round"
        icon={<AlertOutlined />}
        className="m-sos"
        onClick={() => setOpen(true)}
        data-testid="mobile-sos"
        aria-label={t('mobile.sos.title')}
      >
        {waiting ? t('mobile.outboxWaiting') : 'SOS'}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        centered
        title={t('mobile.sos.title')}
        destroyOnHidden
      >
        <p>{t('mobile.sos.body', { unit: unit.callsign })}</p>
        <Button
          danger
          type="primary"
          block
          className="m-button"
          onClick={raise}
          data-testid="mobile-sos-confirm"
        >
          {t('mobile.sos.confirm')}
        </Button>
        <Button block className="m-button" style={{ marginTop: 8 }} onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </Modal>
    </>
  );
}
