// What the incidents feature offers the other features: 110 intake, the incident list and panel, the
// timeline, escalation and backup alerts, and the open incidents kept live.
export { BackupNotices } from './backup-notices.tsx';
export { EscalateButton, EscalationNotices, isEscalated } from './escalation.tsx';
export { IncidentList } from './incident-list.tsx';
export { IncidentPanel, useIncident } from './incident-panel.tsx';
export { IncidentTimeline } from './incident-timeline.tsx';
export { IntakeForm } from './intake-form.tsx';
export { useOpenIncidents } from './use-open-incidents.ts';
