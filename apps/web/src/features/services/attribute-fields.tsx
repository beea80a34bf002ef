import type { ServiceAttribute } from '@ronghui/contracts';
import { Form, Input, InputNumber, Select } from 'antd';
import { shanghaiWallTimeToIso } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';

type AttributeValue = string | number | string[];

/** An item's Open311 attributes as form fields under `attributes.<code>`, each by its datatype. */
export function AttributeFields({
  attributes,
  size,
}: {
  attributes: readonly ServiceAttribute[];
  size?: 'large';
}) {
  const t = useT();
  return (
    <>
      {[...attributes]
        .sort((a, b) => a.order - b.order)
        .map((a) => {
          const options = (a.values ?? []).map((v) => ({ value: v.key, label: v.name }));
          const field =
            a.datatype === 'number' ? (
              <InputNumber size={size} style={{ width: '100%' }} />
            ) : a.datatype === 'text' ? (
              <Input.TextArea rows={2} maxLength={500} />
            ) : a.datatype === 'datetime' ? (
              <Input size={size} type="datetime-local" />
            ) : a.datatype === 'singlevaluelist' ? (
              <Select size={size} options={options} />
            ) : a.datatype === 'multivaluelist' ? (
              <Select size={size} mode="multiple" options={options} />
            ) : (
              <Input size={size} maxLength={500} />
            );
          return (
            <Form.Item
              key={a.code}
              name={['attributes', a.code]}
              label={a.description}
              data-testid={`svc-attr-${a.code}`}
              rules={a.required ? [{ required: true, message: t('svc.form.required') }] : []}
            >
              {field}
            </Form.Item>
          );
        })}
    </>
  );
}

/** The filled attributes as the API takes them (times as instants, empty fields dropped). */
export function attributeValues(
  attributes: readonly ServiceAttribute[],
  values: Record<string, AttributeValue | null | undefined> | undefined,
): Record<string, AttributeValue> | undefined {
  const out: Record<string, AttributeValue> = {};
  for (const a of attributes) {
    const v = values?.[a.code];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[a.code] = a.datatype === 'datetime' && typeof v === 'string' ? shanghaiWallTimeToIso(`${v}:00`) : v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
