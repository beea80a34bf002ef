// 一呼百应: call-outs of volunteers on the incident panel.
export { CalloutCard } from './callout-card.tsx';
