// A webhook trigger: `rosi trigger create --trigger-def triggers/greet_webhook.ts` prints its URL,
// and a POST of {"kind": "greeting", "name": "Ada"} to that URL starts the workflow for Ada.
// `{{data.<key>}}` is a key of the posted JSON body; the filter lets only greetings through.
export default {
  type: 'webhook',
  name: 'Greet from a webhook',
  description: 'POST {"kind": "greeting", "name": "…"} to greet someone',
  workflow: '#/workflows/greet_and_remember',
  inputs: { name: { value: '{{data.name}}' } },
  webhook: {
    filter: { version: 1, root: { statement: '{{data.kind}} == greeting' } },
  },
};
