/**
 * The seeded data set behind every view: customers (with an A/B variant and missing values),
 * daily traffic per segment, and product ratings. The same seed always gives the same rows,
 * because every number comes from one mulberry32 stream drawn in a fixed order.
 */
import { createRandom, normal, poisson } from '../stats/random.ts';
import {
  FIRST_DAY,
  ITEM_CATEGORIES,
  ITEMS,
  LAST_DAY,
  SEGMENTS,
  type Segment,
} from './catalogue.ts';
import { addDays, daysBetween, isoWeekday } from './dates.ts';

export const DEFAULT_SEED = 20_260_101;
export const CUSTOMER_COUNT = 900;

export interface Customer {
  id: string;
  signupDate: string;
  segment: Segment;
  variant: 'A' | 'B';
  /** Missing for about 5% of customers, who did not give it. */
  age: number | null;
  tenureMonths: number;
  sessions: number;
  orders: number;
  revenue: number;
  /** 1 to 10 from a survey; missing for about 12% of customers, who did not answer. */
  satisfaction: number | null;
  /** 1 when the customer ordered at least once. */
  converted: 0 | 1;
}

export interface DailyRow {
  date: string;
  segment: Segment;
  sessions: number;
  orders: number;
  revenue: number;
}

export interface Rating {
  customerId: string;
  itemId: string;
  /** 1 to 5 stars. */
  stars: number;
  date: string;
}

export interface Dataset {
  seed: number;
  customers: Customer[];
  daily: DailyRow[];
  ratings: Rating[];
}

/** Segment traits: share of customers, conversion base rate, order value and daily sessions. */
const SEGMENT_TRAITS: Record<
  Segment,
  { share: number; conversion: number; orderValue: number; dailySessions: number }
> = {
  retail: { share: 0.5, conversion: 0.1, orderValue: 60, dailySessions: 900 },
  smb: { share: 0.3, conversion: 0.14, orderValue: 240, dailySessions: 320 },
  enterprise: { share: 0.2, conversion: 0.2, orderValue: 1100, dailySessions: 90 },
};

/** Variant B's designed lift in conversion probability, in absolute points. */
const VARIANT_B_LIFT = 0.035;

/** Relative traffic per ISO weekday, Monday first: busy mid-week, quiet at the weekend. */
const WEEKLY_PATTERN = [1.0, 1.08, 1.12, 1.05, 0.95, 0.72, 0.65];

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function pickSegment(random: () => number): Segment {
  let draw = random();
  for (const segment of SEGMENTS) {
    draw -= SEGMENT_TRAITS[segment].share;
    if (draw < 0) return segment;
  }
  return SEGMENTS[SEGMENTS.length - 1]!;
}

function generateCustomers(random: () => number, dayCount: number): Customer[] {
  const customers: Customer[] = [];
  for (let index = 0; index < CUSTOMER_COUNT; index++) {
    const segment = pickSegment(random);
    const traits = SEGMENT_TRAITS[segment];
    const variant = random() < 0.5 ? 'A' : 'B';
    const signupDate = addDays(FIRST_DAY, Math.floor(random() * dayCount));
    const age = Math.min(
      80,
      Math.max(18, Math.round(normal(random, segment === 'retail' ? 34 : 42, 10))),
    );
    const tenureMonths = Math.max(
      0,
      Math.round(normal(random, segment === 'enterprise' ? 30 : 14, 8)),
    );
    const sessions = 1 + poisson(random, 3 + tenureMonths / 6);

    // Engagement raises the chance to convert; variant B adds its designed lift on top.
    const probability =
      traits.conversion + (variant === 'B' ? VARIANT_B_LIFT : 0) + 0.01 * (sessions - 5);
    const converted: 0 | 1 = random() < probability ? 1 : 0;
    const orders = converted === 1 ? 1 + poisson(random, 0.8) : 0;
    const revenue = round(orders * traits.orderValue * Math.exp(normal(random, 0, 0.25)), 2);

    // Older customers are a little less satisfied, which gives the overview a negative correlation.
    const satisfactionDraw = Math.round(
      normal(random, 6 + 1.5 * converted - 0.06 * (age - 38), 1.5),
    );
    const satisfaction = Math.min(10, Math.max(1, satisfactionDraw));
    const ageMissing = random() < 0.05;
    const satisfactionMissing = random() < 0.12;

    customers.push({
      id: `c-${String(index + 1).padStart(4, '0')}`,
      signupDate,
      segment,
      variant,
      age: ageMissing ? null : age,
      tenureMonths,
      sessions,
      orders,
      revenue,
      satisfaction: satisfactionMissing ? null : satisfaction,
      converted,
    });
  }
  return customers;
}

function generateDaily(random: () => number, dayCount: number): DailyRow[] {
  const rows: DailyRow[] = [];
  for (let day = 0; day < dayCount; day++) {
    const date = addDays(FIRST_DAY, day);
    const weekly = WEEKLY_PATTERN[isoWeekday(date)]!;
    for (const segment of SEGMENTS) {
      const traits = SEGMENT_TRAITS[segment];
      // Traffic grows 40% over the half year, with 6% day-to-day noise.
      const trend = 1 + (0.4 * day) / dayCount;
      const sessions = Math.round(
        traits.dailySessions * trend * weekly * (1 + normal(random, 0, 0.06)),
      );
      const conversion = traits.conversion * (1 + normal(random, 0, 0.05));
      const orders = Math.max(1, Math.round(sessions * conversion));
      const revenue = round(orders * traits.orderValue * (1 + normal(random, 0, 0.04)), 2);
      rows.push({ date, segment, sessions, orders, revenue });
    }
  }
  return rows;
}

function generateRatings(
  random: () => number,
  customers: readonly Customer[],
  dayCount: number,
): Rating[] {
  const ratings: Rating[] = [];
  for (const customer of customers) {
    // Each customer prefers one category, rates a few of its items highly and a few others low.
    const favourite = ITEM_CATEGORIES[Math.floor(random() * ITEM_CATEGORIES.length)]!;
    const offset = daysBetween(FIRST_DAY, customer.signupDate);
    for (const item of ITEMS) {
      const liked = item.category === favourite;
      if (random() >= (liked ? 0.6 : 0.08)) continue;
      const stars = Math.min(5, Math.max(1, Math.round(normal(random, liked ? 4.4 : 2.2, 0.7))));
      const date = addDays(FIRST_DAY, Math.min(dayCount - 1, offset + Math.floor(random() * 30)));
      ratings.push({ customerId: customer.id, itemId: item.id, stars, date });
    }
  }
  return ratings;
}

export function generateDataset(seed = DEFAULT_SEED): Dataset {
  const random = createRandom(seed);
  const dayCount = daysBetween(FIRST_DAY, LAST_DAY) + 1;

  const customers = generateCustomers(random, dayCount);
  const daily = generateDaily(random, dayCount);
  const ratings = generateRatings(random, customers, dayCount);
  return { seed, customers, daily, ratings };
}
