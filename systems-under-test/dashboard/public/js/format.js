/** Number formats shared by tables, KPIs and charts; a missing value shows as an en dash. */
export function formatNumber(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toFixed(digits);
}

export function formatPercent(share, digits = 1) {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  return `${(share * 100).toFixed(digits)}%`;
}

export function formatPValue(pValue) {
  return pValue < 0.001 ? '< 0.001' : pValue.toFixed(3);
}

export const COLUMN_LABELS = {
  age: 'Age',
  tenureMonths: 'Tenure (months)',
  sessions: 'Sessions',
  orders: 'Orders',
  revenue: 'Revenue (EUR)',
  satisfaction: 'Satisfaction (1–10)',
  converted: 'Converted',
};
