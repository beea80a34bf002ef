import { ToolOutlined } from '@ant-design/icons';
import { Card, Result, Typography } from 'antd';
import { moduleByKey, type PlannedModuleKey } from '../../app/navigation.tsx';
import { useT } from '../../i18n/i18n-context.tsx';

/** An honest page for a module that is not built yet: it says what is coming and shows no data. */
export function UnderConstructionPage({ module }: { module: PlannedModuleKey }) {
  const t = useT();
  return (
    <Card>
      <Result
        icon={<ToolOutlined style={{ color: '#0b4ea2' }} />}
        title={`${t(moduleByKey(module).label)} · ${t('placeholder.title')}`}
        subTitle={
          <div style={{ maxWidth: 720, margin: '0 auto', textAlign: 'start' }}>
            <Typography.Paragraph strong>{t('placeholder.willContain')}</Typography.Paragraph>
            <Typography.Paragraph data-testid="planned-summary">
              {t(`placeholder.${module}`)}
            </Typography.Paragraph>
          </div>
        }
      />
    </Card>
  );
}
