/** One page of a datastore's items, as `GET …/datastores/<name>/items` answers (console/api/datastore.ts). */
export interface ItemsPage {
  app_id: string;
  datastore: string;
  primary_key: string;
  attributes: { name: string; type: string }[];
  /** The filter the items match ('' for none). */
  where: string;
  count: number;
  items: Item[];
  next_cursor?: string;
}

export type Item = Record<string, unknown>;

/** The endpoints' path for one datastore, under the console's API. */
export const datastoreApi = (appId: string, datastore: string, rest: string) =>
  `apps/${encodeURIComponent(appId)}/datastores/${encodeURIComponent(datastore)}/${rest}`;
