/** The fixed vocabulary of the seeded data set: its dates, segments, metrics and items. */

/** First and last calendar day of the data set, both included: 180 days. */
export const FIRST_DAY = '2026-01-01';
export const LAST_DAY = '2026-06-29';

export const SEGMENTS = ['retail', 'smb', 'enterprise'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const SEGMENT_LABELS: Record<Segment, string> = {
  retail: 'Retail',
  smb: 'Small business',
  enterprise: 'Enterprise',
};

export const METRICS = ['revenue', 'orders', 'sessions', 'conversion'] as const;
export type Metric = (typeof METRICS)[number];
export const METRIC_LABELS: Record<Metric, string> = {
  revenue: 'Revenue (EUR)',
  orders: 'Orders',
  sessions: 'Sessions',
  conversion: 'Conversion',
};

/** Numeric customer columns that the overview describes, in display order. */
export const CUSTOMER_COLUMNS = [
  'age',
  'tenureMonths',
  'sessions',
  'orders',
  'revenue',
  'satisfaction',
  'converted',
] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];

/** Item categories of the ratings matrix; each customer prefers one of them. */
export const ITEM_CATEGORIES = ['Running', 'Cycling', 'Camping', 'Climbing', 'Swimming'] as const;

export const ITEMS: readonly { id: string; name: string; category: string }[] = [
  ['Trail shoes', 'Running'],
  ['Running vest', 'Running'],
  ['GPS watch', 'Running'],
  ['Energy gels', 'Running'],
  ['Road bike', 'Cycling'],
  ['Bike helmet', 'Cycling'],
  ['Cycling gloves', 'Cycling'],
  ['Bike lights', 'Cycling'],
  ['Tent', 'Camping'],
  ['Sleeping bag', 'Camping'],
  ['Camping stove', 'Camping'],
  ['Head torch', 'Camping'],
  ['Climbing rope', 'Climbing'],
  ['Harness', 'Climbing'],
  ['Chalk bag', 'Climbing'],
  ['Climbing shoes', 'Climbing'],
  ['Swim goggles', 'Swimming'],
  ['Wetsuit', 'Swimming'],
  ['Swim cap', 'Swimming'],
  ['Pull buoy', 'Swimming'],
].map(([name, category], index) => ({
  id: `item-${String(index + 1).padStart(2, '0')}`,
  name: name!,
  category: category!,
}));

export const SENSORS = ['line-1', 'line-2'] as const;
export type Sensor = (typeof SENSORS)[number];
