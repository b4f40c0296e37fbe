import type { Metric } from '../data/catalogue.ts';
import type { Customer, Dataset } from '../data/dataset.ts';
import { inDateRange, inSegment, type Filters } from '../filters.ts';

/** Customers who signed up in the filters' date range and belong to the chosen segment. */
export function filterCustomers(dataset: Dataset, filters: Filters): Customer[] {
  return dataset.customers.filter(
    (customer) => inDateRange(customer.signupDate, filters) && inSegment(customer.segment, filters),
  );
}

/** Customer columns that measure a metric; none of them has missing values. */
export type MetricColumn = 'revenue' | 'orders' | 'sessions' | 'converted';

/** The customer column that measures a metric: conversion is the 0/1 `converted` column. */
export function customerColumnOf(metric: Metric): MetricColumn {
  return metric === 'conversion' ? 'converted' : metric;
}
