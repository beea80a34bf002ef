import { useLocale, useT } from '../i18n/i18n-context.tsx';
import { useIncident } from './use-field-data.ts';

/** What an officer needs to recognise an incident: its number, kind and place (the id until they load). */
export function useIncidentBrief(
  id: string | null,
  offline: boolean,
): { title: string; place: string | null } {
  const t = useT();
  const { locale } = useLocale();
  const incident = useIncident(id, offline).data;
  if (!incident) return { title: t('mobile.orders.incident', { id: id ?? '' }), place: null };
  const kind = locale === 'zh-CN' ? incident.category.zh : incident.category.en;
  return {
    title: `${kind} · ${incident.priorityName}`,
    place: [incident.number, incident.location.address ?? incident.description].filter(Boolean).join(' · '),
  };
}
