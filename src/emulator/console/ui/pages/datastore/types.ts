/** One page of a datastore's items, as `GET …/datastores/<name>/items` answers: one copy, which console/api/datastore.ts builds to. */
export interface ItemsPage {
  app_id: string;
  datastore: string;
  primary_key: string;
  attributes: { name: string; type: string }[];
  /** The filter these items match, as given ('' for none). */
  where: string;
  /** Items matching the filter (every item without one): the datastore's own count. */
  count: number;
  items: Item[];
  /** Where the next page starts; absent on the last one. */
  next_cursor?: string;
}

export type Item = Record<string, unknown>;

/** The endpoints' path for one datastore, under the console's API. */
export const datastoreApi = (appId: string, datastore: string, rest: string) =>
  `apps/${encodeURIComponent(appId)}/datastores/${encodeURIComponent(datastore)}/${rest}`;
