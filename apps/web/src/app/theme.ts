import type { ThemeConfig } from 'antd';

/** Police blue; system fonts only (the console must work on an intranet with no font server). */
export const policeBlue = '#0b4ea2';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: policeBlue,
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#0a2f66', siderBg: '#0d2447', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { darkItemBg: '#0d2447', darkSubMenuItemBg: '#0a1d3a' },
  },
};
