// 智慧一窗通办 (the public service hall): the console page and the citizens' pages.
export { ServicesPage } from './services-page.tsx';
export { GuidePage } from './guide-page.tsx';
export { BookPage } from './book-page.tsx';
export { BookingManagePage } from './booking-manage-page.tsx';
export { HallScreenPage } from './hall-screen-page.tsx';
export { KioskPage } from './kiosk-page.tsx';
