import { describe, expect, it } from 'vitest';
import { AppsActivitiesListResponse, isActivitiesPage } from './activities.js';
import { AppsDatastoreQueryResponse, isQueryPage } from './datastore.js';

interface Case {
  name: string;
  body: unknown;
  valid: boolean;
}

interface Schema {
  schema: string;
  check: (body: unknown) => boolean;
  parse: (body: unknown) => boolean;
  cases: Case[];
}

const activity = {
  trace_id: 'Tr1',
  level: 'info',
  event_type: 'e',
  source: 'slack',
  component_type: 'functions',
  component_id: 'Fn1',
  payload: { a: 1 },
  created: 1,
};

// Every case is put to the quick check and to the schema: they must agree, valid or not.
describe.each<Schema>([
  {
    schema: 'AppsActivitiesListResponse',
    check: isActivitiesPage,
    parse: (v: unknown) => AppsActivitiesListResponse.safeParse(v).success,
    cases: [
      { name: 'a full page', body: { activities: [activity, activity], response_metadata: { next_cursor: 'c' } }, valid: true },
      { name: 'an empty page', body: { activities: [] }, valid: true },
      { name: 'every field missing, unknown ones added', body: { activities: [{}, { brand_new: [1] }], extra: 1 }, valid: true },
      { name: 'a null payload', body: { activities: [{ ...activity, payload: null }] }, valid: true },
      { name: 'no activities', body: {}, valid: false },
      { name: 'activities not a list', body: { activities: { 0: activity } }, valid: false },
      { name: 'an activity that is not an object', body: { activities: [activity, 'x'] }, valid: false },
      { name: 'an activity that is a list', body: { activities: [[]] }, valid: false },
      { name: 'a null activity', body: { activities: [null] }, valid: false },
      ...(['trace_id', 'level', 'event_type', 'source', 'component_type', 'component_id'] as const).map((field) => ({
        name: `${field} not a string`,
        body: { activities: [{ ...activity, [field]: 7 }] },
        valid: false,
      })),
      { name: 'a payload that is a list', body: { activities: [{ ...activity, payload: [1] }] }, valid: false },
      { name: 'a payload that is text', body: { activities: [{ ...activity, payload: 'x' }] }, valid: false },
      { name: 'created as text', body: { activities: [{ ...activity, created: '1' }] }, valid: false },
      { name: 'a cursor that is not text', body: { activities: [], response_metadata: { next_cursor: 1 } }, valid: false },
      { name: 'response_metadata not an object', body: { activities: [], response_metadata: 'x' }, valid: false },
      { name: 'not an object', body: [], valid: false },
    ],
  },
  {
    schema: 'AppsDatastoreQueryResponse',
    check: isQueryPage,
    parse: (v: unknown) => AppsDatastoreQueryResponse.safeParse(v).success,
    cases: [
      {
        name: 'a full page',
        body: { datastore: 'tasks', items: [{ id: '1', n: [1, { a: null }] }, {}], response_metadata: { next_cursor: 'c' } },
        valid: true,
      },
      { name: 'an empty page without a datastore', body: { items: [] }, valid: true },
      { name: 'warnings and messages', body: { items: [], response_metadata: { warnings: ['w'], messages: ['m'] } }, valid: true },
      { name: 'no items', body: { datastore: 'tasks' }, valid: false },
      { name: 'items not a list', body: { items: {} }, valid: false },
      { name: 'an item that is a list', body: { items: [[1]] }, valid: false },
      { name: 'a null item', body: { items: [null] }, valid: false },
      { name: 'an item that is text', body: { items: ['x'] }, valid: false },
      { name: 'datastore not a string', body: { datastore: 1, items: [] }, valid: false },
      { name: 'warnings that are not strings', body: { items: [], response_metadata: { warnings: [1] } }, valid: false },
      { name: 'null', body: null, valid: false },
    ],
  },
])('$schema: the quick check agrees with the schema', ({ check, parse, cases }) => {
  it.each(cases)('$name → valid: $valid', ({ body, valid }) => {
    expect(parse(body)).toBe(valid);
    expect(check(body)).toBe(valid);
  });
});
