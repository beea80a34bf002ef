// 暖心为民: the console page of anti-fraud warnings, residents in care and visit plans.
export { OutreachPage } from './outreach-page.tsx';
