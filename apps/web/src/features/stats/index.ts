export { useIndicatorLabel } from './indicator-label.ts';
export { changeView, indicatorValue, pct, SURVEY_RATES, screenToneColor } from './stats-view.ts';
