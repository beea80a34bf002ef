// The phone app (外勤, /m/): what the routes and the sign-in page use.
export { GridPhonePage } from './grid-phone-page.tsx';
export { CalloutsPage } from './callouts-page.tsx';
export { CollectPhonePage } from './collect-phone-page.tsx';
export { DutyPhonePage } from './duty-phone-page.tsx';
export { HazardsPhonePage } from './hazards-phone-page.tsx';
export { MessagesPage } from './messages-page.tsx';
export { MePage } from './me-page.tsx';
export { MobileLayout } from './mobile-layout.tsx';
export { OrdersPage } from './orders-page.tsx';
export { OutreachPhonePage } from './outreach-phone-page.tsx';
export { PatrolPhonePage } from './patrol-phone-page.tsx';
export { landingPath } from './tabs.ts';
export { UnitsPage } from './units-page.tsx';
