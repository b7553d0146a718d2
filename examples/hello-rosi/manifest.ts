// A plain object manifest: rosi bundles this file with esbuild and reads its default
// export, so no SDK is needed. `source_file` tells the built-in build what to bundle.
export default {
  _metadata: { major_version: 2 },
  display_information: {
    name: 'Hello Rosi',
    description: 'Greets people and keeps a small task list',
  },
  settings: { function_runtime: 'slack' },
  outgoing_domains: ['api.example.com'],
  oauth_config: {
    scopes: { bot: ['commands', 'chat:write', 'datastore:read', 'datastore:write'] },
  },
  datastores: {
    tasks: {
      primary_key: 'id',
      attributes: {
        id: { type: 'string' },
        title: { type: 'string' },
        owner: { type: 'string' },
        done: { type: 'boolean' },
      },
    },
  },
  functions: {
    greet: {
      title: 'Greet someone',
      source_file: 'functions/greet.ts',
      input_parameters: {
        properties: { name: { type: 'string', description: 'Who to greet' } },
        required: ['name'],
      },
      output_parameters: {
        properties: { greeting: { type: 'string' } },
        required: ['greeting'],
      },
    },
    create_task: {
      title: 'Create a task',
      source_file: 'functions/create_task.ts',
      input_parameters: {
        properties: { title: { type: 'string' }, owner: { type: 'string' } },
        required: ['title'],
      },
      output_parameters: {
        properties: { task_id: { type: 'string' } },
        required: ['task_id'],
      },
    },
  },
  workflows: {
    greet_and_remember: {
      title: 'Greet and remember',
      description: 'Greets the person and adds a follow-up task',
      input_parameters: {
        properties: { name: { type: 'string' } },
        required: ['name'],
      },
      steps: [
        { id: '0', function_id: '#/functions/greet', inputs: { name: '{{inputs.name}}' } },
        { id: '1', function_id: '#/functions/create_task', inputs: { title: 'Follow up with {{inputs.name}}', owner: '{{inputs.name}}' } },
      ],
    },
  },
};
