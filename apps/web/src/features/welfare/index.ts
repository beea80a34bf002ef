// 爱警暖警 (officer welfare): the staff office's console page.
export { WelfarePage } from './welfare-page.tsx';
