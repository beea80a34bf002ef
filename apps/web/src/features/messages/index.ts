// What the messages feature offers the other features: command messages and the emergency alert.
export { EmergencyAlert } from './emergency-alert.tsx';
export { MessagePanel, type MessageTarget } from './message-panel.tsx';
