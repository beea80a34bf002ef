import type { IncidentAddressSuggestion as AddressSuggestion } from '@ronghui/contracts';
import { AimOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n-context.tsx';
import { dispatchApi } from '../../api/dispatch-api.ts';

export interface AddressInputProps {
  /** Set by Form.Item, so the label names this field. */
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  picking: boolean;
  onPickOnMap: () => void;
}

const kindColor: Record<AddressSuggestion['kind'], string> = {
  township: 'blue',
  village: 'green',
  place: 'gold',
};

/**
 * The intake address with autocomplete from the county gazetteer (townships, villages and communities, named
 * places): suggestions follow what has been typed, a few keystrokes apart; free text stays allowed.
 */
export function AddressInput({ id, value, onChange, picking, onPickOnMap }: AddressInputProps) {
  const t = useT();
  const [suggestions, setSuggestions] = useState<AddressSuggestion[]>([]);
  const [failed, setFailed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef('');
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (text: string) => {
    clearTimeout(timer.current);
    latest.current = text;
    if (!text.trim()) {
      setSuggestions([]);
      return;
    }
    timer.current = setTimeout(() => {
      dispatchApi.addressSuggestions(text).then(
        (list) => {
          if (latest.current !== text) return;
          setFailed(false);
          setSuggestions(list.items);
        },
        () => setFailed(true),
      );
    }, 150);
  };

  return (
    <AutoComplete
      value={value}
      onChange={(v: string) => onChange?.(v)}
      onSearch={search}
      onSelect={(v: string) => {
        latest.current = v;
        setSuggestions([]);
      }}
      options={suggestions.map((s) => ({
        value: s.text,
        label: (
          <span data-testid="address-suggestion">
            <Tag color={kindColor[s.kind]} style={{ marginInlineEnd: 6 }}>
              {t(`dispatch.address.kind.${s.kind}`)}
            </Tag>
            {s.text}
          </span>
        ),
      }))}
      notFoundContent={failed ? t('dispatch.address.unavailable') : undefined}
      popupMatchSelectWidth
    >
      <Input
        id={id}
        placeholder={t('dispatch.intake.addressHint')}
        suffix={
          <Button
            size="small"
            type={picking ? 'primary' : 'text'}
            icon={<AimOutlined />}
            onClick={onPickOnMap}
            title={t('dispatch.intake.pickOnMap')}
          />
        }
      />
    </AutoComplete>
  );
}
